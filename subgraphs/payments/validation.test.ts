import { randomUUID } from 'node:crypto';
import { PaymentStatus } from './generated/resolvers-types';
import { paymentStatus, paymentsCursor, paymentsPageKey } from './validation';

const customerId = randomUUID();

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('not refused');
};

describe('payments page arguments', () => {
  it('read back the position a cursor was made from', () => {
    const position = { createdAt: '2026-11-01T10:00:00.123456Z', id: randomUUID() };
    const key = paymentsPageKey(customerId, { first: 10, after: paymentsCursor(position) });
    expect(key).toEqual({ customerId, first: 10, after: position, status: null });
  });

  it('keep the status filter and start at the newest without a cursor', () => {
    expect(paymentsPageKey(customerId, { first: 1, status: 'PAID' })).toEqual({
      customerId,
      first: 1,
      after: null,
      status: 'PAID',
    });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 1.5 }, 'first'],
    [{ first: 10, after: 'nope' }, 'after'],
    [{ first: 10, after: Buffer.from('["orders","1"]').toString('base64url') }, 'after'],
  ])('refuse %j as BAD_USER_INPUT on %s', (args, field) => {
    expect(refusal(() => paymentsPageKey(customerId, args))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('accept exactly the statuses of the SDL', () => {
    for (const status of Object.values(PaymentStatus)) {
      expect(paymentStatus.safeParse(status).success).toBe(true);
    }
    expect(paymentStatus.safeParse('PENDING').success).toBe(false);
  });
});
