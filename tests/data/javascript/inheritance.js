import { Base } from "./base";
import * as models from "./models";

class Local {
  greet() {
    return 1;
  }
}

class Middle extends Local {}

class Leaf extends Middle {
  run() {
    return this.greet() + super.greet();
  }
}

class FromImport extends Base {
  run() {
    return this.save() + super.load();
  }
}

class Dotted extends models.Model {}

class Mixed extends mixin(Local, Base) {
  run() {
    return this.greet();
  }
}
