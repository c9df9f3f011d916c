import { render } from './widget';

describe('render', () => {
  it('is not a test outside a test file', () => {
    render(null);
  });
});
