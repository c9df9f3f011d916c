import { Circle, Square } from "./shapes";

function isSquare(value: unknown): value is Square {
  return value instanceof Square;
}

export function measure(shape: unknown): number {
  if (shape instanceof Circle) {
    return shape.radius();
  }
  if (isSquare(shape)) {
    return shape.side();
  }
  return shape instanceof Square && shape.side() > 0 ? 1 : 0;
}

export function unguarded(shape: any): number {
  return shape.radius();
}
