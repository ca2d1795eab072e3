import { restockPlan } from './refund-restock';

const P = 'a0000000-0000-4000-8000-000000000001';
const Q = 'b0000000-0000-4000-8000-000000000002';
const W1 = 'c0000000-0000-4000-8000-000000000001';
const W2 = 'd0000000-0000-4000-8000-000000000002';

describe('where refunded units go back', () => {
  it('returns units to the warehouse they were sold from', () => {
    const sold = [{ productId: P, warehouseId: W2, quantity: 3, restocked: 0 }];
    expect(restockPlan(sold, [{ productId: P, quantity: 2 }])).toEqual([
      { productId: P, warehouseId: W2, quantity: 2 },
    ]);
  });

  it('splits over the warehouses of a split line, never past what each sold and has not had back', () => {
    const sold = [
      { productId: P, warehouseId: W1, quantity: 2, restocked: 1 },
      { productId: P, warehouseId: W2, quantity: 4, restocked: 0 },
      { productId: Q, warehouseId: W1, quantity: 1, restocked: 0 },
    ];
    expect(
      restockPlan(sold, [
        { productId: Q, quantity: 1 },
        { productId: P, quantity: 3 },
      ]),
    ).toEqual([
      { productId: P, warehouseId: W1, quantity: 1 },
      { productId: P, warehouseId: W2, quantity: 2 },
      { productId: Q, warehouseId: W1, quantity: 1 },
    ]);
  });

  it('puts nothing back that was never sold or is back already', () => {
    const sold = [{ productId: P, warehouseId: W1, quantity: 1, restocked: 1 }];
    expect(restockPlan(sold, [{ productId: P, quantity: 1 }])).toEqual([]);
  });
});
