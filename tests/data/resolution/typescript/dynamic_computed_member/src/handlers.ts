function onAdd(): number {
  return 1;
}

function onRemove(): number {
  return 2;
}

const handlers: Record<string, () => number> = { add: onAdd, remove: onRemove };

export function dispatch(kind: string): number {
  return handlers[kind]();
}
