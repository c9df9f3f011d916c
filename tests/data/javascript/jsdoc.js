/**
 * @file Helpers for formatting.
 */

/**
 * Formats a value.
 *
 * Example:
 *     format(1)
 * @param {number} value the value
 * @returns {string}
 */
export function format(value) {
  return String(value);
}

/** One-liner. */
const pad = (s) => s.padStart(2);

// A line comment is not a docstring.
function plain() {}

/* A block comment is not a docstring. */
function block() {}

/** Detached by code in between. */
const x = 1;
function detached() {}

class Printer {
  /**
   * Prints.
   */
  print() {}
}
