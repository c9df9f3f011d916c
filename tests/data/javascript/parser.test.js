import { parse, Parser } from './parser';
import * as util from '../util';

function fixture(text) {
  return normalize(util.trim(text));
}

function normalize(text) {
  return text.toLowerCase();
}

setup();

function setup() {
  util.reset();
}

describe('parse', () => {
  beforeEach(() => {
    util.reset();
  });

  it('parses a header', () => {
    const out = parse(fixture('A: b'));
    expect(out).toEqual({ a: 'b' });
  });

  it.each([1, 2])('handles %i', (n) => {
    new Parser().feed(n);
  });
});

describe('no such thing', function () {
  test('still counts', async () => {
    await util.load();
  });
});
