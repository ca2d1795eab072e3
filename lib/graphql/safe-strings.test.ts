import { findUnsafeString, isSafeString } from './safe-strings';

describe('isSafeString', () => {
  it.each([
    ['plain text', 'Darjeeling tea'],
    ['the empty string', ''],
    ['accents and CJK', 'Crème brûlée 抹茶'],
    ['an emoji (a surrogate pair)', 'tea \u{1F375} time'],
  ])('accepts %s', (_what, value) => {
    expect(isSafeString(value)).toBe(true);
  });

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a lone high surrogate at the end', 'ab\uD800'],
    ['a lone high surrogate before text', '\uD83Dx'],
    ['a lone low surrogate', 'x\uDC00y'],
    ['a reversed pair', '\uDF75\uD83C'],
  ])('refuses %s', (_what, value) => {
    expect(isSafeString(value)).toBe(false);
  });
});

describe('findUnsafeString', () => {
  it('names the path of a bad string nested in objects and lists', () => {
    const input = { items: [{ name: 'ok' }, { name: 'bad\u0000' }], note: 'fine' };
    expect(findUnsafeString(input, 'input')).toBe('input.items.1.name');
  });

  it('finds a bad string in a list of strings', () => {
    expect(findUnsafeString(['a', '\uDC00'], 'tags')).toBe('tags.1');
  });

  it('finds a bad object key (e.g. in a JSON scalar)', () => {
    expect(findUnsafeString({ 'k\u0000': 1 }, 'data')).toBe('data');
  });

  it('passes numbers, booleans, null, dates and safe strings', () => {
    expect(findUnsafeString({ n: 1, b: true, x: null, d: new Date(0), s: 'ok' }, 'input')).toBe(
      null,
    );
  });
});
