import type { EventCatalogue } from '../../../lib/events/catalogue';
import { customerOrderEmail, customerRefundEmail, vendorRefundEmail } from './order-emails';

const TEA = '00000000-0000-4000-8000-00000000000a';
const BOOKS = '00000000-0000-4000-8000-00000000000b';
const refund: EventCatalogue['order.refunded'] = {
  refundId: '00000000-0000-4000-8000-000000000001',
  orderId: '00000000-0000-4000-8000-000000000002',
  customerId: '00000000-0000-4000-8000-000000000003',
  vendorIds: [TEA, BOOKS],
  amount: { amount: 3279, currency: 'EUR' },
  lines: [
    {
      itemId: '00000000-0000-4000-8000-000000000004',
      productId: '00000000-0000-4000-8000-000000000005',
      productName: 'Sencha',
      vendorId: TEA,
      quantity: 2,
      amount: { amount: 1780, currency: 'EUR' },
    },
    {
      itemId: '00000000-0000-4000-8000-000000000006',
      productId: '00000000-0000-4000-8000-000000000007',
      productName: 'Piranesi',
      vendorId: BOOKS,
      quantity: 1,
      amount: { amount: 1499, currency: 'EUR' },
    },
  ],
  restock: true,
  reason: 'Arrived damaged',
  requestedBy: TEA,
};

describe('refund emails', () => {
  it('tells the customer every refunded line, the amount and the reason', () => {
    const email = customerRefundEmail('Casey', refund, 'https://shop.test');
    expect(email.subject).toBe('Refund of €32.79 (order 00000000)');
    expect(email.text).toContain('2 × Sencha: €17.80 refunded');
    expect(email.text).toContain('1 × Piranesi: €14.99 refunded');
    expect(email.text).toContain('Reason: Arrived damaged');
  });

  it('confirms to a vendor only its own lines and their money', () => {
    const email = vendorRefundEmail('Tea Vendor', TEA, refund, 'https://shop.test');
    expect(email.subject).toBe('Refund confirmed: €17.80 (order 00000000)');
    expect(email.text).toContain('2 × Sencha');
    expect(email.text).not.toContain('Piranesi');
    expect(email.text).toContain('back in stock');
  });

  it('sends no status email for refunds that have their own', () => {
    const change = (reason: string): EventCatalogue['order.status_changed'] => ({
      orderId: refund.orderId,
      customerId: refund.customerId,
      vendorIds: [TEA],
      total: refund.amount,
      lines: [],
      expiresAt: null,
      from: 'PARTIALLY_REFUNDED',
      to: 'REFUNDED',
      reason,
      at: new Date().toISOString(),
    });
    expect(customerOrderEmail('Casey', change('LINES_REFUNDED'), 'https://shop.test')).toBeNull();
    expect(customerOrderEmail('Casey', change('LATE_PAYMENT_REFUNDED'), '')).toBeNull();
    expect(customerOrderEmail('Casey', change('REFUNDED'), '')?.subject).toMatch(/^Order refunded/);
  });
});
