import React from "react";
import { Button } from "./button";
import * as UI from "./ui";

function Header({ title }) {
  return <h1>{title}</h1>;
}

export function App() {
  const items = [1, 2];
  return (
    <div className="app">
      <Header title="x" />
      <Button onClick={() => alert("hi")}>Go</Button>
      <UI.Panel>
        {items.map((i) => (
          <Item key={i} />
        ))}
      </UI.Panel>
      <span />
    </div>
  );
}

export default class Page extends React.Component {
  render() {
    return <App />;
  }
}
