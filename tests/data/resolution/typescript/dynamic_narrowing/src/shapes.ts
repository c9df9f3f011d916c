export class Circle {
  radius(): number {
    return 1;
  }
}

export class Square {
  side(): number {
    return 1;
  }
}
