import { currencyExponent, formatMoney, isCurrencyCode } from './money';

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
});
