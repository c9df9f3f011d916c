interface Sink {
  write(line: string): void;
}

class ConsoleSink implements Sink {
  write(line: string): void {}
}

export class Logger {
  protected out: Sink;

  constructor(out?: Sink) {
    this.out = out ?? new ConsoleSink();
  }

  log(line: string): void {
    this.out.write(line);
  }
}
