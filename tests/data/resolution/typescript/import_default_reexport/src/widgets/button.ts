export default function button(label: string): string {
  return label;
}
