export class Query {
  where(cond: string): this {
    return this;
  }

  limit(n: number): Query {
    return this;
  }

  all(): string[] {
    return [];
  }
}

export function recent(): string[] {
  return new Query().where("x").limit(10).all();
}
