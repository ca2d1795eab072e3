import { Kind } from 'graphql';
import { Long } from './long';

describe('Long', () => {
  it('serializes 64-bit values as exact decimal strings', () => {
    expect(Long.serialize('9223372036854775807')).toBe('9223372036854775807');
    expect(Long.serialize(2n ** 53n + 1n)).toBe('9007199254740993');
    expect(Long.serialize(4_200_000_000)).toBe('4200000000');
    expect(Long.serialize('-9223372036854775808')).toBe('-9223372036854775808');
  });

  it('refuses to serialize what is not a 64-bit whole number', () => {
    for (const value of ['9223372036854775808', 2n ** 63n, 1.5, 2 ** 60, 'ten', null]) {
      expect(() => Long.serialize(value)).toThrow('Long cannot represent');
    }
  });

  it('reads strings and integer literals, refusing anything else as BAD_USER_INPUT', () => {
    expect(Long.parseValue('4200000000')).toBe(4_200_000_000n);
    expect(Long.parseLiteral({ kind: Kind.INT, value: '42' })).toBe(42n);
    expect(Long.parseLiteral({ kind: Kind.STRING, value: '-7' })).toBe(-7n);
    for (const value of ['1e3', '0x10', '', '99999999999999999999', true]) {
      expect(() => Long.parseValue(value)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      );
    }
    expect(() => Long.parseLiteral({ kind: Kind.FLOAT, value: '1.5' })).toThrow(
      'Long must be a whole number',
    );
  });
});
