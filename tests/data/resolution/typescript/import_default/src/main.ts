import greet from "./greet";
import Logger from "./logger";

export function main(): void {
  const logger = new Logger();
  logger.log(greet("bob"));
}
