import { effectOf } from './stock-ledger';

describe('the stock ledger rule', () => {
  it('moves on-hand only for receipts, adjustments, transfers and restocks', () => {
    for (const kind of ['RECEIPT', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT'] as const) {
      expect(effectOf(kind, -4)).toEqual({ onHand: -4, reserved: 0 });
    }
    expect(effectOf('RESTOCK', 3)).toEqual({ onHand: 3, reserved: 0 });
  });

  it('moves reserved only for reservations and releases', () => {
    expect(effectOf('RESERVATION', 2)).toEqual({ onHand: 0, reserved: 2 });
    expect(effectOf('RELEASE', -2)).toEqual({ onHand: 0, reserved: -2 });
  });

  it('lets a sale consume its reservation: both counts fall', () => {
    expect(effectOf('SALE', -5)).toEqual({ onHand: -5, reserved: -5 });
  });

  it('puts back exactly what a sale took when the sale is restocked', () => {
    const sale = effectOf('SALE', -5);
    const restock = effectOf('RESTOCK', 5);
    const reservation = effectOf('RESERVATION', 5);
    expect(reservation.onHand + sale.onHand + restock.onHand).toBe(0);
    expect(reservation.reserved + sale.reserved + restock.reserved).toBe(0);
  });
});
