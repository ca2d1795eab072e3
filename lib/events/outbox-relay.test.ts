import { waves } from './outbox-relay';

const row = (id: string, data: Record<string, string>) => ({ id, envelope: { data } });

describe('waves', () => {
  it('sends events of different orders together and those of one order one per wave', () => {
    const rows = [
      row('a1', { orderId: 'a' }),
      row('b1', { orderId: 'b' }),
      row('a2', { orderId: 'a' }),
      row('p1', { productId: 'p' }),
      row('a3', { orderId: 'a' }),
      row('b2', { orderId: 'b' }),
    ];
    expect(waves(rows).map((wave) => wave.map(({ id }) => id))).toEqual([
      ['a1', 'b1', 'p1'],
      ['a2', 'b2'],
      ['a3'],
    ]);
  });

  it('puts every event without an aggregate in the first wave', () => {
    const rows = [row('x', {}), row('y', {})];
    expect(waves(rows).map((wave) => wave.map(({ id }) => id))).toEqual([['x', 'y']]);
  });
});
