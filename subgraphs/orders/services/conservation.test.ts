import {
  conservationViolations,
  netPaidByStatus,
  unitsSoldByStatus,
  type SagaFacts,
} from './conservation';

const level = (overrides: Partial<SagaFacts['levels'][number]> = {}) => ({
  productId: 'p',
  warehouseId: 'w',
  onHand: 8,
  reserved: 0,
  ledger: { RECEIPT: 10, RESERVATION: 2, SALE: -2 },
  ...overrides,
});
const soldTwo = { orderId: 'o', status: 'SOLD', lines: [line(2)] };
const paidTwo = {
  orderId: 'o',
  status: 'PAID' as const,
  total: 500,
  lines: [{ productId: 'p', quantity: 2 }],
  captured: 500,
  refunded: 0,
};

function line(quantity: number, restocked = 0) {
  return { productId: 'p', warehouseId: 'w', quantity, restocked };
}

describe('conservation invariants', () => {
  it('says a PAID or FULFILLED order was paid its total and any other status nothing', () => {
    expect(netPaidByStatus('PAID', 500)).toBe(500);
    expect(netPaidByStatus('FULFILLED', 500)).toBe(500);
    for (const status of ['CANCELLED', 'REFUNDED', 'EXPIRED', 'AWAITING_PAYMENT'] as const) {
      expect(netPaidByStatus(status, 500)).toBe(0);
    }
  });

  it('says a partly refunded order was paid its total less its line refunds', () => {
    expect(netPaidByStatus('PARTIALLY_REFUNDED', 500, 250)).toBe(250);
    expect(netPaidByStatus('REFUNDED', 500, 500)).toBe(0);
  });

  it('counts refunded units as sold only when they were not restocked', () => {
    const line = { quantity: 3, refunded: 2, restocked: 1 };
    expect(unitsSoldByStatus('PARTIALLY_REFUNDED', line)).toBe(2);
    expect(unitsSoldByStatus('REFUNDED', { quantity: 3, refunded: 3, restocked: 1 })).toBe(2);
    expect(unitsSoldByStatus('REFUNDED', { quantity: 3 })).toBe(0);
    expect(unitsSoldByStatus('CANCELLED', line)).toBe(0);
  });

  it('holds for a partial refund with restock and one without', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 7, ledger: { RECEIPT: 10, SALE: -4, RESTOCK: 1 } })],
      reservations: [{ orderId: 'o', status: 'SOLD', lines: [line(4, 1)] }],
      orders: [
        {
          ...paidTwo,
          status: 'PARTIALLY_REFUNDED',
          total: 1000,
          lines: [{ productId: 'p', quantity: 4, refunded: 2, restocked: 1 }],
          captured: 1000,
          refunded: 500,
          refundedByLines: 500,
        },
      ],
    };
    expect(conservationViolations(facts)).toEqual([]);
  });

  it('flags a line refund whose restock never reached inventory', () => {
    const facts: SagaFacts = {
      levels: [level()],
      reservations: [soldTwo],
      orders: [
        {
          ...paidTwo,
          status: 'REFUNDED',
          lines: [{ productId: 'p', quantity: 2, refunded: 2, restocked: 2 }],
          refunded: 500,
          refundedByLines: 500,
        },
      ],
    };
    expect(conservationViolations(facts)).toEqual(['product p: inventory sold 2, orders paid 0']);
  });

  it('holds for a paid order whose reservation was sold', () => {
    expect(
      conservationViolations({ levels: [level()], reservations: [soldTwo], orders: [paidTwo] }),
    ).toEqual([]);
  });

  it('holds for a cancelled paid order that was refunded and restocked', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 10, ledger: { RECEIPT: 10, SALE: -2, RESTOCK: 2 } })],
      reservations: [{ orderId: 'o', status: 'RESTOCKED', lines: [line(2, 2)] }],
      orders: [{ ...paidTwo, status: 'REFUNDED', refunded: 500 }],
    };
    expect(conservationViolations(facts)).toEqual([]);
  });

  it('flags the race that sold units of an order orders never accepted as paid', () => {
    const facts: SagaFacts = {
      levels: [level()],
      reservations: [soldTwo],
      orders: [{ ...paidTwo, status: 'REFUNDED', refunded: 500 }],
    };
    expect(conservationViolations(facts)).toEqual(['product p: inventory sold 2, orders paid 0']);
  });

  it('flags money kept for an order whose status says nothing was paid', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 10, ledger: { RECEIPT: 10 } })],
      reservations: [],
      orders: [{ ...paidTwo, status: 'CANCELLED' }],
    };
    expect(conservationViolations(facts)).toEqual([
      'order o: CANCELLED says 0 paid, the provider holds 500',
    ]);
  });

  it('flags a level whose counts disagree with its ledger or its live reservations', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 9, reserved: 1 })],
      reservations: [soldTwo],
      orders: [paidTwo],
    };
    expect(conservationViolations(facts)).toEqual([
      'level p/w: on_hand 9 but the ledger says 8',
      'level p/w: reserved 1 but live reservations hold 0',
    ]);
  });

  it('counts a lapsed reservation as live until orders decides', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 10, reserved: 2, ledger: { RECEIPT: 10, RESERVATION: 2 } })],
      reservations: [{ orderId: 'o', status: 'LAPSED', lines: [line(2)] }],
      orders: [{ ...paidTwo, status: 'AWAITING_PAYMENT', captured: 0 }],
    };
    expect(conservationViolations(facts)).toEqual([]);
  });

  it('flags units still held for an order that can no longer be paid', () => {
    const facts: SagaFacts = {
      levels: [level({ onHand: 10, reserved: 2, ledger: { RECEIPT: 10, RESERVATION: 2 } })],
      reservations: [{ orderId: 'o', status: 'RESERVED', lines: [line(2)] }],
      orders: [{ ...paidTwo, status: 'CANCELLED', captured: 0 }],
    };
    expect(conservationViolations(facts)).toEqual([
      'order o: CANCELLED but its units are still held',
    ]);
  });
});
