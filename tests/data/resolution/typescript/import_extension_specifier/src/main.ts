import { connect } from "./db.js";

export function boot(): string {
  return connect("db://");
}
