import { Component } from "./base";

export class Button extends Component {
  click(): void {
    this.update();
  }
}
