import fc from 'fast-check';
import { allocate, type Candidate } from './allocation';

const stock = (warehouseId: string, available: number, productId = 'p'): Candidate => ({
  productId,
  warehouseId,
  available,
});

describe('allocation', () => {
  it('ships a line that fits in one warehouse from the one with most available', () => {
    const { allocations } = allocate(new Map([['p', 3]]), [stock('a', 4), stock('b', 9)]);
    expect(allocations).toEqual([{ productId: 'p', warehouseId: 'b', quantity: 3 }]);
  });

  it('splits a line only when no warehouse covers it, largest first', () => {
    const { allocations } = allocate(new Map([['p', 7]]), [stock('a', 2), stock('b', 6)]);
    expect(allocations).toEqual([
      { productId: 'p', warehouseId: 'b', quantity: 6 },
      { productId: 'p', warehouseId: 'a', quantity: 1 },
    ]);
  });

  it('allocates nothing when any product is short, reporting every short one', () => {
    const result = allocate(
      new Map([
        ['p', 2],
        ['q', 5],
      ]),
      [stock('a', 9), stock('a', 4, 'q')],
    );
    expect(result).toEqual({
      allocations: [],
      shortLines: [{ productId: 'q', requested: 5, available: 4 }],
    });
  });

  it('never allocates more than a warehouse has nor other than what was asked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 5 }),
        (requested, levels) => {
          const candidates = levels.map((available, i) => stock(`w${i}`, available));
          const { allocations, shortLines } = allocate(new Map([['p', requested]]), candidates);
          const total = allocations.reduce((sum, a) => sum + a.quantity, 0);
          expect(total === requested || (total === 0 && shortLines.length === 1)).toBe(true);
          for (const allocation of allocations) {
            const from = candidates.find((c) => c.warehouseId === allocation.warehouseId)!;
            expect(allocation.quantity).toBeGreaterThan(0);
            expect(allocation.quantity).toBeLessThanOrEqual(from.available);
          }
        },
      ),
    );
  });
});
