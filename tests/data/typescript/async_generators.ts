export async function* gen(x: number): AsyncGenerator<number> {
  yield x;
}

export function* sync(): Generator<string, void, unknown> {
  yield "a";
}

export const fetchUser = async (id: string): Promise<string> => {
  const res = await fetch(`/users/${id}`);
  for await (const chunk of gen(1)) {
    console.log(chunk);
  }
  return res.text();
};

class Loader {
  async *pages(): AsyncIterable<number> {
    yield* gen(2);
  }

  async load(): Promise<void> {
    await fetchUser("1");
  }
}
