export class Service {
  constructor(public url: string) {}
}
