import { currencyExponent, formatMoney, isCurrencyCode, sumOfLines } from './money';

describe('money', () => {
  it('accepts real ISO-4217 codes and refuses made-up or lower-case ones', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('JPY')).toBe(true);
    expect(isCurrencyCode('ZZZ')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
  });

  it('knows each currency’s exponent', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('formats minor units with the currency’s own decimals', () => {
    expect(formatMoney({ amount: 1250, currency: 'EUR' })).toBe('€12.50');
    expect(formatMoney({ amount: 1250, currency: 'JPY' })).toBe('¥1,250');
    expect(formatMoney({ amount: 1250, currency: 'BHD' })).toBe('BHD\u00a01.250');
  });

  it('sums lines exactly beyond 32 and 53 bits', () => {
    const dear = { unitAmount: 100_000_000, quantity: 1000 };
    expect(sumOfLines(Array.from({ length: 50 }, () => dear))).toBe(5_000_000_000_000n);
    // 2^53 + 1 has no float: a Number sum would round it to 2^53.
    const past53 = [
      { unitAmount: 2 ** 31, quantity: 2 ** 22 },
      { unitAmount: 1, quantity: 1 },
    ];
    expect(sumOfLines(past53)).toBe(2n ** 53n + 1n);
    expect(sumOfLines([])).toBe(0n);
  });
});
