import Base from "./base";

export default class extends Base {
  render() {
    return this.update();
  }
}
