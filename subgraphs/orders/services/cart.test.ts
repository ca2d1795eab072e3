import { cartTotal, MAX_ORDER_TOTAL, sameCart } from './cart';

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

  it('totals up to 99999999, the most Stripe charges, and refuses one minor unit more on input.items', () => {
    expect(cartTotal([{ unitAmount: 9_999_999, quantity: 10 }], 'EUR')).toBe(99_999_990);
    expect(
      cartTotal(
        [
          { unitAmount: 99_999_998, quantity: 1 },
          { unitAmount: 1, quantity: 1 },
        ],
        'JPY',
      ),
    ).toBe(MAX_ORDER_TOTAL);
    expect(() =>
      cartTotal(
        [
          { unitAmount: 99_999_999, quantity: 1 },
          { unitAmount: 1, quantity: 1 },
        ],
        'EUR',
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.items' },
        message: expect.stringContaining('at most €999,999.99'),
      }),
    );
  });

  it('refuses totals past 64 bits of floating point without rounding them under the limit', () => {
    expect(() => cartTotal([{ unitAmount: 2_147_483_647, quantity: 1000 }], 'EUR')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.items' } }),
    );
  });
});
