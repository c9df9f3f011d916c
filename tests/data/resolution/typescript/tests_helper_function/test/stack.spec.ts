import { Stack } from "../src/stack";

function makeStack(): Stack {
  const s = new Stack();
  s.push(1);
  return s;
}

test("size", () => {
  const s = makeStack();
  expect(s.size()).toBe(1);
});
