export class Order {
  save() {
    return 1;
  }
}
