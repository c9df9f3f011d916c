class Animal {
  static kingdom = "animalia";
  #secret = 1;

  constructor(name) {
    this.name = name;
    this.#init();
  }

  static create(name) {
    return new Animal(name);
  }

  get label() {
    return this.describe();
  }

  set label(value) {
    this.name = value;
  }

  #init() {
    return this.#secret;
  }

  describe() {
    return `animal ${this.name}`;
  }

  onClick = () => {
    this.describe();
  };
}

class Dog extends Animal {
  constructor(name) {
    super(name);
  }

  describe() {
    return super.describe() + this.bark();
  }

  fetch() {
    return this.label + this.missing();
  }
}

Animal.create("x");
Dog.create("y");
