import type { OrderStatus } from '../../../lib/events/catalogue';
import { nextStatus, type OrderTrigger } from './order-state';

describe('the order state table', () => {
  it('pays only an order awaiting payment', () => {
    expect(nextStatus('AWAITING_PAYMENT', 'PAYMENT_SUCCEEDED')).toBe('PAID');
    for (const from of ['PENDING', 'CANCELLED', 'EXPIRED', 'REJECTED', 'REFUNDED'] as const) {
      expect(nextStatus(from, 'PAYMENT_SUCCEEDED')).toBeNull();
    }
  });

  it('expires an order whose reservation lapsed before it was paid, even before it awaited payment', () => {
    expect(nextStatus('PENDING', 'RESERVATION_EXPIRED')).toBe('EXPIRED');
    expect(nextStatus('AWAITING_PAYMENT', 'RESERVATION_EXPIRED')).toBe('EXPIRED');
    expect(nextStatus('PAID', 'RESERVATION_EXPIRED')).toBeNull();
  });

  it('lets the customer cancel before and after payment, and refunds only a cancelled order', () => {
    expect(nextStatus('AWAITING_PAYMENT', 'CUSTOMER_CANCELLED')).toBe('CANCELLED');
    expect(nextStatus('PAID', 'CUSTOMER_CANCELLED')).toBe('CANCELLED');
    expect(nextStatus('FULFILLED', 'CUSTOMER_CANCELLED')).toBeNull();
    expect(nextStatus('CANCELLED', 'REFUNDED')).toBe('REFUNDED');
    expect(nextStatus('PAID', 'REFUNDED')).toBeNull();
  });

  it('refunds an expired or cancelled order whose payment arrived late and went back', () => {
    expect(nextStatus('EXPIRED', 'LATE_PAYMENT_REFUNDED')).toBe('REFUNDED');
    expect(nextStatus('CANCELLED', 'LATE_PAYMENT_REFUNDED')).toBe('REFUNDED');
    expect(nextStatus('EXPIRED', 'REFUNDED')).toBeNull();
    for (const from of ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const) {
      expect(nextStatus(from, 'LATE_PAYMENT_REFUNDED')).toBeNull();
    }
  });

  it('refunds lines of paid or fulfilled orders partly, again and again, then fully', () => {
    for (const from of ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'] as const) {
      expect(nextStatus(from, 'LINES_REFUNDED')).toBe('PARTIALLY_REFUNDED');
      expect(nextStatus(from, 'ALL_LINES_REFUNDED')).toBe('REFUNDED');
    }
    for (const from of [
      'PENDING',
      'AWAITING_PAYMENT',
      'CANCELLED',
      'EXPIRED',
      'REJECTED',
    ] as const) {
      expect(nextStatus(from, 'LINES_REFUNDED')).toBeNull();
      expect(nextStatus(from, 'ALL_LINES_REFUNDED')).toBeNull();
    }
  });

  it('neither cancels nor fulfils a partly refunded order through the table', () => {
    expect(nextStatus('PARTIALLY_REFUNDED', 'CUSTOMER_CANCELLED')).toBeNull();
    expect(nextStatus('PARTIALLY_REFUNDED', 'ALL_FULFILLED')).toBeNull();
    expect(nextStatus('PARTIALLY_REFUNDED', 'REFUNDED')).toBeNull();
  });

  it('leaves final statuses final', () => {
    const triggers: OrderTrigger[] = [
      'STOCK_RESERVED',
      'STOCK_REJECTED',
      'RESERVATION_EXPIRED',
      'PAYMENT_SUCCEEDED',
      'PAYMENT_FAILED',
      'PAYMENT_EXPIRED',
      'CUSTOMER_CANCELLED',
      'ALL_FULFILLED',
      'REFUNDED',
      'LATE_PAYMENT_REFUNDED',
      'LINES_REFUNDED',
      'ALL_LINES_REFUNDED',
    ];
    const finals: OrderStatus[] = ['REJECTED', 'REFUNDED'];
    for (const from of finals) {
      for (const trigger of triggers) expect(nextStatus(from, trigger)).toBeNull();
    }
    // EXPIRED is final for everything but the refund of a late payment.
    for (const trigger of triggers.filter((t) => t !== 'LATE_PAYMENT_REFUNDED')) {
      expect(nextStatus('EXPIRED', trigger)).toBeNull();
    }
  });
});
