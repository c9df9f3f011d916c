import { Component, Log } from "./decorators";

@Component("widget")
export class Widget {
  @Log
  draw(): void {}
}
