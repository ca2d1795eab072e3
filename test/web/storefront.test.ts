import type { Page } from 'playwright-core';
import { PASSWORD, signUp } from '../support/accounts';
import { stockedProduct, type StockedProduct } from '../support/orders';
import type { TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import {
  countGraphQLRequests,
  screenshot,
  seriousViolations,
  signInOnPage,
  startBrowserSuite,
  type BrowserSuite,
} from './browser';

let web: BrowserSuite;
let t: TestSystem;
let origin: string;
let mugs: StockedProduct;
let towels: StockedProduct;

beforeAll(async () => {
  web = await startBrowserSuite();
  ({ t, origin } = web);
  const [firstVendor, secondVendor] = await Promise.all([
    signUp(t, { role: 'VENDOR', displayName: 'Mug Makers' }),
    signUp(t, { role: 'VENDOR', displayName: 'Towel Works' }),
  ]);
  [mugs, towels] = await Promise.all([
    stockedProduct(t, firstVendor, 20, {
      name: 'Blue mug',
      price: { amount: 1250, currency: 'EUR' },
    }),
    stockedProduct(t, secondVendor, 20, {
      name: 'Tea towel',
      price: { amount: 500, currency: 'EUR' },
    }),
  ]);
});

afterAll(async () => {
  await web?.stop();
});

const newPage = (): Promise<Page> => web.newPage();

async function addToCart(page: Page, productName: string, quantity: number) {
  await page.goto('/');
  await page.getByRole('link', { name: productName }).click();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText(`${quantity} × ${productName} added to your cart.`).waitFor();
}

describe('the storefront in a browser', () => {
  it('loads each screen in one GraphQL round trip, with no serious accessibility violation', async () => {
    const page = await newPage();
    const requests = countGraphQLRequests(page);
    await page.goto('/');
    await page.getByRole('link', { name: 'Blue mug' }).waitFor();
    expect(await requests.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'storefront');

    await requests.reset();
    await page.goto(`/products/${mugs.product.id}`);
    await page.getByText('20 in stock').waitFor();
    await page.getByRole('link', { name: 'Mug Makers' }).waitFor();
    expect(await requests.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'product');

    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/');
    await page.getByRole('link', { name: 'Tea towel' }).waitFor();
    await screenshot(page, 'storefront-phone');
    await page.context().close();
  });

  it('asks for the product page by hash over GET, cacheable when anonymous and never when signed in', async () => {
    const sent = (page: Page) => {
      const answers: Array<{ method: string; url: URL; cacheControl?: string; vary?: string }> = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname !== '/graphql') return;
        answers.push({
          method: response.request().method(),
          url,
          cacheControl: response.headers()['cache-control'],
          vary: response.headers()['vary'],
        });
      });
      return answers;
    };
    const productOf = (answers: ReturnType<typeof sent>) =>
      answers.filter((answer) => answer.url.searchParams.get('operationName') === 'Product');
    // The first visit teaches the gateway the query (its hash alone was not found: one POST).
    const first = await newPage();
    await first.goto(`/products/${towels.product.id}`);
    await first.getByText('20 in stock').waitFor();
    await first.context().close();

    const anonymous = await newPage();
    const anonymousAnswers = sent(anonymous);
    await anonymous.goto(`/products/${towels.product.id}`);
    await anonymous.getByText('20 in stock').waitFor();
    const [byHash, ...more] = productOf(anonymousAnswers);
    expect(more).toEqual([]);
    expect(byHash.method).toBe('GET');
    expect(byHash.url.searchParams.has('query')).toBe(false);
    expect(JSON.parse(byHash.url.searchParams.get('extensions')!)).toMatchObject({
      persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(byHash.cacheControl).toMatch(/^max-age=\d+, public$/);
    // The same URL signed in must not be answered from the browser's copy of this one.
    expect(byHash.vary).toMatch(/\bauthorization\b/i);
    expect(anonymousAnswers.every((answer) => answer.method === 'GET')).toBe(true);

    const customer = await signUp(t, { role: 'CUSTOMER' });
    // Signed in in the same browser: its HTTP cache holds the anonymous answer of the same URL.
    const signedIn = anonymous;
    await signInOnPage(signedIn, customer.email, PASSWORD);
    const signedInAnswers = sent(signedIn);
    await signedIn.goto(`/products/${towels.product.id}`);
    await signedIn.getByText('20 in stock').waitFor();
    const [mine] = productOf(signedInAnswers);
    expect(mine.method).toBe('GET');
    expect(mine.cacheControl).toBe('no-store');
    await signedIn.context().close();
  });

  it('filters by search, price and sort in the URL', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByLabel('Search').fill('towel');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '1 product' }).waitFor();
    await page.getByRole('link', { name: 'Tea towel' }).waitFor();
    expect(await page.getByRole('link', { name: 'Blue mug' }).count()).toBe(0);

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Lowest price').fill('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '1 product' }).waitFor();
    await page.getByRole('link', { name: 'Blue mug' }).waitFor();
    expect(page.url()).toContain('min=10');
    await page.context().close();
  });

  it('shows a wrong password as the API words it, and signs nobody in', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('Email or phone').fill(mugs.vendor.email);
    await page.getByLabel('Password').fill('not the password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong login or password' }).waitFor();
    expect(await page.evaluate('window.localStorage.getItem("bazaar.session")')).toBeNull();
    expect(await page.getByRole('button', { name: /Sign out/ }).count()).toBe(0);
    await page.context().close();
  });

  it('cancels an unpaid order from the order page, which then offers no cancel and no payment', async () => {
    const customer = await signUp(t);
    const page = await newPage();
    await signInOnPage(page, customer.email, PASSWORD);
    await addToCart(page, 'Tea towel', 1);
    await page.goto('/cart');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('link', { name: /^Pay/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.getByTestId('order-status').filter({ hasText: 'Cancelled' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Pay/ }).count()).toBe(0);
    await page.context().close();
  });

  it('refreshes the access token a minute before it expires, and stays signed in', async () => {
    const customer = await signUp(t);
    const page = await newPage();
    await page.clock.install();
    await signInOnPage(page, customer.email, PASSWORD);
    const session = async () =>
      JSON.parse((await page.evaluate('window.localStorage.getItem("bazaar.session")')) as string);
    const before = await session();
    await page.clock.fastForward('14:30');
    await waitFor(
      async () => (await session()).refreshToken !== before.refreshToken,
      'the tokens to be refreshed',
    );
    // Issued in the same second, the access token may read the same; its expiry moved on.
    expect((await session()).expiresAt).toBeGreaterThan(before.expiresAt);
    // The new tokens work: the next screen's request is accepted.
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByText('No orders yet.').waitFor();
    await page.context().close();
  });

  it('takes a customer from registration to a fulfilled order from two vendors, live', async () => {
    const page = await newPage();
    const email = `shopper-${Date.now()}@example.test`;
    await page.goto('/register');
    await page.getByLabel('Name shown to others').fill('Sam Shopper');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const welcome = await t.smtp.waitForEmail(email);
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(welcome.text)?.[0];
    expect(link?.startsWith(`${origin}/verify-email?token=`)).toBe(true);
    await page.goto(link!);
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await page.getByText(`Thank you, ${email} is confirmed.`).waitFor();

    await signInOnPage(page, email, PASSWORD);
    await page.getByRole('button', { name: 'Sign out Sam Shopper' }).waitFor();

    // Too many: the API's refusal appears next to that line's quantity, and no order exists.
    const customerId = JSON.parse(
      (await page.evaluate('window.localStorage.getItem("bazaar.session")')) as string,
    ).user.id;
    await addToCart(page, 'Blue mug', 5000);
    await page.goto('/cart');
    await page.getByRole('button', { name: 'Place order' }).click();
    const quantity = page.getByLabel('Quantity of Blue mug');
    await page.locator('input[aria-invalid="true"]').waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator('#' + (await quantity.getAttribute('aria-describedby'))).textContent(),
    ).toMatch(/at most 1000/);
    expect(
      await t.sql('orders', 'SELECT id FROM orders WHERE customer_id = $1', [customerId]),
    ).toEqual([]);

    await quantity.fill('2');
    await addToCart(page, 'Tea towel', 1);
    await page.goto('/cart');
    await page.getByText('Total: €30.00').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cart');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop()!;

    // The order page stays open, never reloaded, while payment and fulfilment happen elsewhere.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const pay = page.getByRole('link', { name: /^Pay/ });
    await pay.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'order-awaiting-payment');

    const checkout = await page.context().newPage();
    await checkout.goto((await pay.getAttribute('href'))!);
    await checkout.getByRole('button', { name: 'Pay €30.00' }).click();
    await checkout.getByText('PAID').waitFor();

    const status = page.getByTestId('order-status');
    await status.filter({ hasText: 'Paid' }).waitFor();
    // Each vendor ships its own lines from its dashboard, in a browser context of its own.
    for (const vendor of [mugs.vendor, towels.vendor]) {
      const dashboard = await newPage();
      await signInOnPage(dashboard, vendor.email, PASSWORD);
      await dashboard.goto('/dashboard/orders');
      await dashboard
        .getByRole('button', { name: `Mark order ${orderId.slice(0, 8)} shipped` })
        .click();
      await dashboard
        .getByText(/· shipped/)
        .first()
        .waitFor();
      if (vendor === mugs.vendor) await screenshot(dashboard, 'dashboard-orders');
      await dashboard.context().close();
    }
    await status.filter({ hasText: 'Fulfilled' }).waitFor();
    expect(navigations).toEqual([]);
    for (const step of ['Awaiting payment', 'Paid', 'Fulfilled']) {
      await page.getByRole('listitem').filter({ hasText: step }).first().waitFor();
    }
    await screenshot(page, 'order-fulfilled');

    // Stripe's success URL lands on the order page of the app.
    await checkout.goto(`/checkout/success?order=${orderId}`);
    await checkout.waitForURL(`${origin}/orders/${orderId}`);
    await checkout.getByText(/Thank you! Your payment/).waitFor();

    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByText(/2 × Blue mug, 1 × Tea towel/).waitFor();
    await page.context().close();
    // The whole journey (two vendors' dashboards, the checkout, three status changes) takes
    // ~30 s on a quiet 2-core machine; twice the default keeps it from failing on a busy one.
  }, 120_000);
});
