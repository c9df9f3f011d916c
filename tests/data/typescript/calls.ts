import { BaseService } from "./base";
import { Logger } from "./logger";

export class UserService extends BaseService<string> {
  private logger = new Logger();

  constructor() {
    super();
  }

  run(): void {
    this.logger.info("x");
    this.fetch<string>("a");
    this.local();
    super.start();
    this.items!.forEach((i) => this.local());
  }

  local(): void {}
}

function generic<T>(x: T): T {
  return x;
}

const value = generic<number>(1);
const svc = new UserService();
svc.run();
