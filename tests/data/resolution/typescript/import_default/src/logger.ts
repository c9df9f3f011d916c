export default class Logger {
  log(msg: string): void {}
}
