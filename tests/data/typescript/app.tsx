import React, { useState } from "react";
import { Button } from "./components/Button";
import * as Icons from "./icons";

interface CounterProps {
  initial: number;
  label?: string;
}

/** A counter. */
export function Counter({ initial, label }: CounterProps): JSX.Element {
  const [count, setCount] = useState(initial);
  return (
    <div>
      <Icons.Plus size={12} />
      <Button onClick={() => setCount(count + 1)}>{label ?? "Add"}</Button>
      <span>{count > 10 ? <Warning /> : null}</span>
    </div>
  );
}

const Warning = () => <em>careful</em>;

export default function App() {
  return <Counter initial={0} />;
}
