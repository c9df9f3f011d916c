/** Grüße «Welt». */
export function grüße(name: string): string {
  return `Hallo ${name}`;
}

export class Café {
  naïve(): string {
    return grüße("Zoë");
  }
}

export type 名前 = string;
