import { cartTotal, sameCart } from './cart';

const A = '0b6f4f7e-2b0e-4c52-9d5e-4f1d7f2f9a01';
const B = '8c1e0f4a-6a3b-4d0e-8f6a-2b7c9d1e3f02';

describe('cart', () => {
  it('sees the same cart in any line order and any id case', () => {
    const cart = [
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ];
    expect(sameCart(cart, [...cart].reverse())).toBe(true);
    expect(
      sameCart(
        cart,
        cart.map((line) => ({ ...line, productId: line.productId.toUpperCase() })),
      ),
    ).toBe(true);
  });

  it('tells carts apart by quantity, product or an extra line', () => {
    const cart = [{ productId: A, quantity: 2 }];
    expect(sameCart(cart, [{ productId: A, quantity: 3 }])).toBe(false);
    expect(sameCart(cart, [{ productId: B, quantity: 2 }])).toBe(false);
    expect(sameCart(cart, [...cart, { productId: B, quantity: 1 }])).toBe(false);
  });

  it('totals up to 2147483647 and refuses one minor unit more on input.items', () => {
    expect(cartTotal([{ unitAmount: 100_000_000, quantity: 21 }], 'EUR')).toBe(2_100_000_000);
    expect(
      cartTotal(
        [
          { unitAmount: 2_147_483_646, quantity: 1 },
          { unitAmount: 1, quantity: 1 },
        ],
        'JPY',
      ),
    ).toBe(2_147_483_647);
    expect(() =>
      cartTotal(
        [
          { unitAmount: 2_147_483_647, quantity: 1 },
          { unitAmount: 1, quantity: 1 },
        ],
        'EUR',
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.items' },
        message: expect.stringContaining('at most €21,474,836.47'),
      }),
    );
  });
});
