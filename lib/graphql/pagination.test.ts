import { z } from 'zod';
import { cursorKeys, isCursorTimestamp } from './cursor-keys';
import { decodeCursor, encodeCursor } from './pagination';

const ROW = '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';
const newest = z.tuple([z.literal('NEWEST'), cursorKeys.timestamp, cursorKeys.id]);
const byName = z.tuple([z.literal('NAME_ASC'), cursorKeys.text, cursorKeys.id]);
const bySeq = z.tuple([z.literal('orders'), cursorKeys.bigint]);

/** The refusal every bad cursor gets: BAD_USER_INPUT on the argument. */
function refusalOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('the cursor was accepted');
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const position = ['NEWEST', '2026-11-29T16:05:38.123456Z', ROW];
    expect(decodeCursor(newest, encodeCursor(position), 'after')).toEqual(position);
    expect(decodeCursor(bySeq, encodeCursor(['orders', '42']), 'after')).toEqual(['orders', '42']);
    const name = ['NAME_ASC', 'thé vert \u{1F375}', ROW];
    expect(decodeCursor(byName, encodeCursor(name), 'after')).toEqual(name);
  });

  it.each([
    ['a year-0000 date', newest, ['NEWEST', '0000-01-01T00:00:00.000000Z', ROW]],
    ['a year-10000 date', newest, ['NEWEST', '10000-01-01T00:00:00Z', ROW]],
    ['February 30', newest, ['NEWEST', '2026-02-30T00:00:00Z', ROW]],
    ['hour 24', newest, ['NEWEST', '2026-01-01T24:00:00Z', ROW]],
    ['a date with an offset instead of Z', newest, ['NEWEST', '2026-01-01T00:00:00+01:00', ROW]],
    ['nanoseconds', newest, ['NEWEST', '2026-01-01T00:00:00.123456789Z', ROW]],
    ['a NUL in a text key', byName, ['NAME_ASC', 'tea\u0000', ROW]],
    ['an unpaired surrogate in a text key', byName, ['NAME_ASC', 'tea\uD800', ROW]],
    ['a sequence past bigint', bySeq, ['orders', '9223372036854775808']],
    ['a sequence of 20 digits', bySeq, ['orders', '99999999999999999999']],
    ['a negative sequence', bySeq, ['orders', '-1']],
    ['a sequence as a number', bySeq, ['orders', 42]],
    ['an id that is not a uuid', newest, ['NEWEST', '2026-01-01T00:00:00Z', 'x\u0000']],
    ['a cursor of another sort', byName, ['NEWEST', '2026-01-01T00:00:00Z', ROW]],
    ['an extra element', bySeq, ['orders', '1', 'more']],
  ])('refuses %s as BAD_USER_INPUT on the argument', (_what, schema, position) => {
    expect(refusalOf(() => decodeCursor(schema, encodeCursor(position), 'after'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it.each([
    ['not base64url', 'a+b/c=='],
    ['base64 of something that is not JSON', Buffer.from('{"a":').toString('base64url')],
    ['empty', ''],
    ['huge', 'A'.repeat(5000)],
    ['a NUL outside any string', `${encodeCursor(['orders', '1'])}\u0000`],
  ])('refuses a cursor that is %s', (_what, cursor) => {
    expect(refusalOf(() => decodeCursor(bySeq, cursor, 'after'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('refuses a cursor that is not a string', () => {
    expect(refusalOf(() => decodeCursor(bySeq, 42, 'after'))).toMatchObject({ field: 'after' });
  });
});

describe('isCursorTimestamp', () => {
  it('accepts PostgreSQL timestamps as listings write them, leap days included', () => {
    expect(isCursorTimestamp('2024-02-29T23:59:59.999999Z')).toBe(true);
    expect(isCursorTimestamp('1970-01-01T00:00:00Z')).toBe(true);
  });

  it('refuses impossible dates', () => {
    expect(isCursorTimestamp('2025-02-29T00:00:00Z')).toBe(false);
    expect(isCursorTimestamp('2026-13-01T00:00:00Z')).toBe(false);
    expect(isCursorTimestamp('2026-01-01T00:60:00Z')).toBe(false);
  });
});
