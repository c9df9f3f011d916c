export function ok(): number {
  return 1;
}

export function broken(a: number {
  return a;
}

interface StillHere {
  m(): void;
}

class Works {
  method(): number {
    return ok();
  }
}
