import { planRefund, refundableUnits, type RefundableItem } from './refund-plan';

const vendor = '00000000-0000-4000-8000-00000000000a';
const other = '00000000-0000-4000-8000-00000000000b';

function item(overrides: Partial<RefundableItem> = {}): RefundableItem {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    productId: '00000000-0000-4000-8000-000000000011',
    productName: 'Sencha',
    vendorId: vendor,
    unitAmount: 890,
    currency: 'EUR',
    quantity: 3,
    refundedQuantity: 0,
    pendingQuantity: 0,
    ...overrides,
  };
}

describe('planning a line refund', () => {
  it('refunds unit price times units, exactly, and sums the lines', () => {
    const tea = item();
    const books = item({ id: '00000000-0000-4000-8000-000000000002', unitAmount: 1499 });
    const plan = planRefund(
      [tea, books],
      [
        { itemId: tea.id, quantity: 2 },
        { itemId: books.id, quantity: 1 },
      ],
      { userId: vendor, isAdmin: false },
    );
    expect(plan.lines.map((line) => line.amount.amount)).toEqual([1780, 1499]);
    expect(plan.amount).toBe(3279);
  });

  it('counts settled and pending refunds against what is left', () => {
    expect(refundableUnits(item({ refundedQuantity: 1, pendingQuantity: 1 }))).toBe(1);
    expect(() =>
      planRefund([item({ refundedQuantity: 2 })], [{ itemId: item().id, quantity: 2 }], {
        userId: vendor,
        isAdmin: false,
      }),
    ).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' }),
      }),
    );
  });

  it('answers another vendor’s line exactly like a line that does not exist', () => {
    const refuse = (itemId: string) => {
      try {
        planRefund([item()], [{ itemId, quantity: 1 }], { userId: other, isAdmin: false });
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };
    const foreign = refuse(item().id) as Error & { extensions: unknown };
    const missing = refuse('00000000-0000-4000-8000-0000000000ff') as Error & {
      extensions: unknown;
    };
    expect(foreign.extensions).toEqual({ code: 'NOT_FOUND', field: 'lines.0.itemId' });
    expect([foreign.message, foreign.extensions]).toEqual([missing.message, missing.extensions]);
  });

  it('lets an admin refund any vendor’s line', () => {
    const plan = planRefund([item()], [{ itemId: item().id, quantity: 3 }], {
      userId: other,
      isAdmin: true,
    });
    expect(plan.amount).toBe(2670);
  });
});
