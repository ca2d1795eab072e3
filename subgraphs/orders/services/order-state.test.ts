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
    expect(nextStatus('EXPIRED', 'REFUNDED')).toBeNull();
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
    ];
    const finals: OrderStatus[] = ['REJECTED', 'EXPIRED', 'REFUNDED'];
    for (const from of finals) {
      for (const trigger of triggers) expect(nextStatus(from, trigger)).toBeNull();
    }
  });
});
