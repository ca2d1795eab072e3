import { PASSWORD, signUp } from '../support/accounts';
import { FakeStripe } from '../support/fake-stripe';
import { orderReaches, stockedProduct } from '../support/orders';
import { paidOrder } from '../support/refunds';
import type { TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import {
  screenshot,
  seriousViolations,
  signInOnPage,
  startBrowserSuite,
  type BrowserSuite,
} from './browser';

let web: BrowserSuite;
let t: TestSystem;
// Paid at the fake Stripe (signed webhooks), so a refund can be held PENDING by an outage.
const stripe = new FakeStripe();

beforeAll(async () => {
  await stripe.start();
  web = await startBrowserSuite(stripe.env());
  ({ t } = web);
});

afterAll(async () => {
  await web?.stop();
  await stripe.stop();
});

const newPage = () => web.newPage();

/**
 * A vendor's product, an order of `quantity` of it paid at the fake Stripe, and the vendor signed
 * in on the dashboard's orders with the line's refund form.
 */
async function vendorAtPaidOrder(
  shop: string,
  product: { name: string; price: { amount: number; currency: string } },
  quantity: number,
) {
  const vendor = await signUp(t, { role: 'VENDOR', displayName: shop });
  const stocked = await stockedProduct(t, vendor, 5, product);
  const buyer = await signUp(t, { displayName: `${shop} customer` });
  const order = await paidOrder(t, stripe, buyer, [{ productId: stocked.product.id, quantity }]);
  const page = await newPage();
  await signInOnPage(page, vendor.email, PASSWORD);
  await page.goto('/dashboard/orders');
  const form = page.getByRole('form', { name: `Refund ${product.name}` });
  return { buyer, order, page, form };
}

describe('refunds in a browser', () => {
  it('a vendor refunds one unit of a line, and the customer sees it on the order', async () => {
    const { buyer, order, page, form } = await vendorAtPaidOrder(
      'Board Shop',
      { name: 'Walnut board', price: { amount: 2400, currency: 'EUR' } },
      2,
    );
    await form.getByLabel('Units to refund (of 2)').fill('3');
    await form.getByLabel('Reason (the customer reads it)').fill('Scratched in transit');
    await form.getByRole('button', { name: 'Refund Walnut board' }).click();
    await form.getByText('only 2 of this line').waitFor();

    await form.getByLabel('Units to refund (of 2)').fill('1');
    await form.getByRole('button', { name: 'Refund Walnut board' }).click();
    await orderReaches(t, order.id, 'PARTIALLY_REFUNDED');
    await page.reload();
    await page.getByText('1 refunded').waitFor();
    await page.getByText('Partly refunded').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-refund');

    const shopper = await newPage();
    await signInOnPage(shopper, buyer.email, PASSWORD);
    await shopper.goto(`/orders/${order.id}`);
    await shopper.getByTestId('order-status').filter({ hasText: 'Partly refunded' }).waitFor();
    await shopper.getByRole('cell', { name: '1 (€24.00)' }).waitFor();
    expect(await seriousViolations(shopper)).toEqual([]);
    await screenshot(shopper, 'order-refunded');
    await page.context().close();
    await shopper.context().close();
  });

  it('units held by a refund still pending at Stripe are not offered again', async () => {
    const { order, page, form } = await vendorAtPaidOrder(
      'Mug Shop',
      { name: 'Stoneware mug', price: { amount: 1200, currency: 'EUR' } },
      3,
    );
    // Payments lists the payment intent's refunds before creating one: under the outage that
    // list is the call that fails, so any call to /v1/refunds shows payments asked.
    const refundCalls = () => stripe.requests.filter((r) => r.path === '/v1/refunds').length;
    const refundCallsBefore = refundCalls();
    stripe.refundOutage = 503;
    try {
      await form.getByLabel('Units to refund (of 3)').fill('1');
      await form.getByLabel('Reason (the customer reads it)').fill('Chipped handle');
      await form.getByRole('button', { name: 'Refund Stoneware mug' }).click();
      // The answer lists the request PENDING; the refetched page holds its unit.
      await page.getByText('1 refund pending').waitFor();
      await form.getByLabel('Units to refund (of 2)').waitFor();
      await waitFor(
        async () => refundCalls() > refundCallsBefore,
        'payments to ask Stripe for the refund',
      );
      const refunds = await t.sql(
        'orders',
        `SELECT r.status, l.quantity FROM order_refunds r JOIN order_refund_lines l ON l.refund_id = r.id
          WHERE r.order_id = $1`,
        [order.id],
      );
      expect(refunds).toEqual([{ status: 'PENDING', quantity: 1 }]);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      stripe.refundOutage = null;
    }
    await page.context().close();
  });
});
