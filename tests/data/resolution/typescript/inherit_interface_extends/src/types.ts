export interface Clock {
  now(): number;
}

export interface Runner {
  run(): void;
}

export interface Scheduler extends Clock, Runner {
  schedule(): void;
}
