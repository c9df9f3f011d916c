import { describe, it, expect } from 'vitest';
import { Widget, render } from './widget';

function mount(): Widget {
  const w = new Widget();
  return w;
}

describe('Widget', () => {
  it('renders', () => {
    const w = mount();
    expect(render(w)).toBe('<div/>');
  });
});

export function notATest(): void {
  render(mount());
}
