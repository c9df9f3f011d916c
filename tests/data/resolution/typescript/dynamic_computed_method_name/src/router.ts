export class Router {
  get(): number {
    return 1;
  }

  post(): number {
    return 2;
  }
}

export function route(r: Router, method: "get" | "post"): number {
  return r[method]();
}
