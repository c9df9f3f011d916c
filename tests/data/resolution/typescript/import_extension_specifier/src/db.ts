export function connect(url: string): string {
  return url;
}
