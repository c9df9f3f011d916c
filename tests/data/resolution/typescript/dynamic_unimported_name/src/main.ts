declare function helper(): number;

export function main(): number {
  return helper();
}
