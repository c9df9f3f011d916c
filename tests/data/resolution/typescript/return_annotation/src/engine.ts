export class Engine {
  run(): number {
    return 1;
  }
}

export function make(): Engine {
  return new Engine();
}
