export class Job {
  step(): number {
    return 0;
  }

  run(): number {
    return this.step();
  }
}

export class Build extends Job {
  step(): number {
    return 1;
  }

  go(): number {
    return this.step() + this.run();
  }
}
