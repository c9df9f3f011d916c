export class Component {
  render(): string {
    return "";
  }

  update(): void {
    this.render();
  }
}
