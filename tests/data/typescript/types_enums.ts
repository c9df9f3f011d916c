/** An identifier. */
export type Id = string | number;

type Pair<T> = [T, T];

type Handler = (event: { type: string; payload: unknown }) => void;

type VeryLong = { alpha: string; beta: string; gamma: string; delta: string; epsilon: string; zeta: string; eta: string; theta: string; iota: string; kappa: string; lambda: string; mu: string; nu: string };

export enum Color {
  Red,
  Green = "green",
}

const enum Direction {
  Up = 1,
  Down,
}

declare enum Ambient {
  A,
}

function paint(c: Color): Id {
  return c;
}
