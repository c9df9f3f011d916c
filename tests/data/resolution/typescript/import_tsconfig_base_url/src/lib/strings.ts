export function pad(s: string): string {
  return s.padStart(8);
}
