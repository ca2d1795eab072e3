import { productsToReview } from './low-stock';

const product = (id: string, threshold: number, alerted = false) => ({ id, threshold, alerted });

describe('which products a reservation leaves to the low-stock review', () => {
  it('skips a product left above its threshold that was not alerted', () => {
    expect(productsToReview([product('a', 5)], new Map([['a', 6]]))).toEqual([]);
  });

  it('reviews a product left at or below its threshold', () => {
    const products = [product('a', 5), product('b', 5)];
    expect(
      productsToReview(
        products,
        new Map([
          ['a', 5],
          ['b', 0],
        ]),
      ),
    ).toEqual(['a', 'b']);
  });

  it('reviews an alerted product above its threshold, so it can be re-armed', () => {
    expect(productsToReview([product('a', 5, true)], new Map([['a', 9]]))).toEqual(['a']);
  });

  it('reviews a product it has no count for', () => {
    expect(productsToReview([product('a', 5)], new Map())).toEqual(['a']);
  });
});
