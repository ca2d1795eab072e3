import { randomUUID } from 'node:crypto';
import { aggregateKey, assertEventData, parseEvent } from './envelope';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const orderId = randomUUID();
const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'stock.sold',
  version: 1,
  occurredAt: new Date().toISOString(),
  data: { orderId },
  ...overrides,
});

describe('parseEvent', () => {
  it('accepts an event that matches its schema', () => {
    const parsed = parseEvent(encode(envelope()), 'stock.sold');
    expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ data: { orderId } }) });
  });

  it('reads an envelope without a version as version 1', () => {
    const parsed = parseEvent(encode(envelope({ version: undefined })), 'stock.sold');
    expect(parsed.ok && parsed.event.version).toBe(1);
  });

  it('refuses a version it does not know', () => {
    expect(parseEvent(encode(envelope({ version: 2 })), 'stock.sold')).toEqual({
      ok: false,
      reason: 'unknown version 2 of stock.sold (knows 1)',
    });
  });

  it('names the field of a payload that does not match', () => {
    expect(parseEvent(encode(envelope({ data: { orderId: 42 } })), 'stock.sold')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^bad stock\.sold payload: orderId: /),
    });
  });

  it('refuses bytes that are not JSON, and an event of another type', () => {
    expect(parseEvent(new TextEncoder().encode('{nope'), 'stock.sold')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^unreadable: /),
    });
    expect(parseEvent(encode(envelope()), 'stock.released')).toEqual({
      ok: false,
      reason: 'type stock.sold where stock.released was expected',
    });
  });

  it('drops payload fields the schema does not know', () => {
    const parsed = parseEvent(encode(envelope({ data: { orderId, extra: 1 } })), 'stock.sold');
    expect(parsed.ok && parsed.event.data).toEqual({ orderId });
  });
});

describe('assertEventData', () => {
  it('throws on a payload that does not match the catalogue', () => {
    expect(() => assertEventData('order.cancelled', { orderId })).toThrow(
      /^Invalid order.cancelled event: reason: /,
    );
  });
});

describe('aggregateKey', () => {
  it('is the order, else the product, else the user', () => {
    expect(aggregateKey({ orderId: 'o', productId: 'p' })).toBe('o');
    expect(aggregateKey({ productId: 'p', vendorId: 'v' })).toBe('p');
    expect(aggregateKey({ userId: 'u' })).toBe('u');
    expect(aggregateKey({ email: 'x' })).toBeNull();
  });
});
