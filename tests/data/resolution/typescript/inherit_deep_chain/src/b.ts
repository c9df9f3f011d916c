import { A } from "./a";

export class B extends A {}
