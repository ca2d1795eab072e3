import { PASSWORD, signUp } from '../support/accounts';
import { orderReaches, placeOrder, stockedProduct } from '../support/orders';
import {
  customerCheckoutUrl,
  pressDevCheckoutButton,
  waitForPaymentStatus,
} from '../support/payments';
import type { TestSystem } from '../support/test-system';
import {
  screenshot,
  seriousViolations,
  signInOnPage,
  startBrowserSuite,
  type BrowserSuite,
} from './browser';

let web: BrowserSuite;
let t: TestSystem;

beforeAll(async () => {
  web = await startBrowserSuite();
  ({ t } = web);
});

afterAll(async () => {
  await web?.stop();
});

const newPage = () => web.newPage();

describe('refunds in a browser', () => {
  it('a vendor refunds one unit of a line, and the customer sees it on the order', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Board Shop' });
    const { product } = await stockedProduct(t, vendor, 5, {
      name: 'Walnut board',
      price: { amount: 2400, currency: 'EUR' },
    });
    const buyer = await signUp(t, { displayName: 'Robin Buyer' });
    const order = await placeOrder(t, buyer, [{ productId: product.id, quantity: 2 }]);
    const payment = await waitForPaymentStatus(t, order.id, 'OPEN');
    await pressDevCheckoutButton(t, await customerCheckoutUrl(t, buyer, payment.id), 'pay');
    await orderReaches(t, order.id, 'PAID');

    const page = await newPage();
    await signInOnPage(page, vendor.email, PASSWORD);
    await page.goto('/dashboard/orders');
    const form = page.getByRole('form', { name: 'Refund Walnut board' });
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
});
