import * as React from "react";

type Props = { items: string[] };

export class List extends React.Component<Props> {
  handleClick = (item: string): void => {
    this.select(item);
  };

  select(item: string): void {}

  render(): React.ReactNode {
    return (
      <ul>
        {this.props.items.map((item) => (
          <ListItem key={item} onClick={() => this.handleClick(item)} />
        ))}
      </ul>
    );
  }
}

export const ListItem: React.FC<{ onClick: () => void }> = ({ onClick }) => (
  <li onClick={onClick}>
    <React.Fragment />
  </li>
);

export default (props: Props) => <List {...props} />;
