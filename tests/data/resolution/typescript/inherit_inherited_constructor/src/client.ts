import { Service } from "./base";

export class Client extends Service {
  call(): string {
    return this.url;
  }
}

export function connect(): Client {
  return new Client("http://x");
}
