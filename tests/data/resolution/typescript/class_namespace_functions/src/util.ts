export namespace Util {
  export function trim(s: string): string {
    return s;
  }

  export function clean(s: string): string {
    return trim(s);
  }
}
