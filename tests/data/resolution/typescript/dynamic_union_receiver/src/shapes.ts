export class Circle {
  area(): number {
    return 3;
  }
}

export class Square {
  area(): number {
    return 4;
  }
}

export function measure(s: Circle | Square): number {
  return s.area();
}
