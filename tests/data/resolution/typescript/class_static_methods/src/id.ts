export class Id {
  static next(): number {
    return Id.counter();
  }

  private static counter(): number {
    return 1;
  }
}
