/** Overloads separated by comments, exported, declared, and in namespaces. */
export function parse(text: string): number;
// A comment between the overloads.
export function parse(text: string, radix: number): number;
/* And a block comment. */
export function parse(text: string, radix?: number): number {
  return parseInt(text, radix);
}

function lone(a: string): void;

function format(n: number): string;
function format(n: number, digits: number): string;
function format(n: number, digits = 2): string {
  return n.toFixed(digits);
}

declare function ambient(x: number): void;
declare function ambient(x: string): void;

namespace Util {
  export function clamp(x: number): number;
  export function clamp(x: number, max: number): number;
  export function clamp(x: number, max = 1): number {
    return Math.min(x, max);
  }
}

export function use(): string {
  return format(parse("1")) + Util.clamp(2);
}
