export function convert(x: string): number;
export function convert(x: number): string;
export function convert(x: any): any {
  return x;
}

function pad(s: string): string;
function pad(s: string, n: number): string;
function pad(s: string, n?: number): string {
  return s;
}

declare function external(x: number): void;

class Parser {
  parse(x: string): number;
  parse(x: number): number;
  parse(x: any): number {
    return 0;
  }
}

convert("1");
pad("a");
external(1);
