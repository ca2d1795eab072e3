import { PASSWORD, signInAsAdmin, signUp } from '../support/accounts';
import { createCategory, createProduct } from '../support/catalog';
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

beforeAll(async () => {
  web = await startBrowserSuite();
  ({ t, origin } = web);
});

afterAll(async () => {
  await web?.stop();
});

const newPage = () => web.newPage();

describe('the vendor dashboard in a browser', () => {
  it('creates a product, receives stock, and the storefront shows it for sale', async () => {
    const vendor = await signUp(t, { role: 'VENDOR', displayName: 'Board Shop' });
    const page = await newPage();
    await signInOnPage(page, vendor.email, PASSWORD);

    await page.getByRole('link', { name: 'Warehouses' }).click();
    await page.getByLabel('Warehouse name').fill('Berlin');
    await page.getByLabel('Code (e.g. BER-1)').fill('BER-1');
    await page.getByRole('button', { name: 'Open warehouse' }).click();
    await page.getByRole('button', { name: 'Deactivate BER-1' }).waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Walnut board');
    await page.getByLabel('Price').fill('24.00');
    await page.getByLabel('Status').selectOption('ACTIVE');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: 'Walnut board', level: 1 }).waitFor();
    const productId = page.url().split('/').pop()!;

    // A person takes longer than inventory needs to hear of the new product; the test waits.
    await waitFor(
      async () =>
        (await t.sql('inventory', 'SELECT 1 FROM products WHERE id = $1', [productId])).length > 0,
      'inventory to learn the product',
    );
    const receive = page.getByRole('form', { name: 'Receive stock' });
    await receive.getByLabel('Units received').fill('7');
    await receive.getByRole('button', { name: 'Receive' }).click();
    await page.getByTestId('stock-available').filter({ hasText: /^7$/ }).waitFor();
    await page.getByRole('cell', { name: 'receipt' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-product');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('link', { name: 'Walnut board' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');

    const shopper = await newPage();
    const requests = countGraphQLRequests(shopper);
    await shopper.goto('/');
    await shopper.getByRole('link', { name: 'Walnut board' }).click();
    await shopper.getByText('7 in stock').waitFor();
    await shopper.getByRole('link', { name: 'Board Shop' }).waitFor();
    expect(await requests.count()).toBe(2);
    await page.context().close();
    await shopper.context().close();
  });

  it('opens a product inventory has not heard of yet, and its stock once inventory has', async () => {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const product = await createProduct(t, vendor, { name: 'Cherry spoon' });
    const known = async () =>
      (await t.sql('inventory', 'SELECT 1 FROM products WHERE id = $1', [product.id])).length > 0;
    await waitFor(known, 'inventory to learn the product');
    // Catalog's event, not yet applied: inventory's read model without the product.
    const [row] = await t.sql<Record<string, unknown>>(
      'inventory',
      'DELETE FROM products WHERE id = $1 RETURNING *',
      [product.id],
    );
    const page = await newPage();
    await signInOnPage(page, vendor.email, PASSWORD);
    await page.goto(`/dashboard/products/${product.id}`);
    await page.getByRole('heading', { name: 'Cherry spoon', level: 1 }).waitFor();
    await page.getByText('Inventory is setting up this product').waitFor();

    await t.sql(
      'inventory',
      `INSERT INTO products (id, vendor_id, name, status, snapshot_at, low_stock_threshold,
         low_stock_alerted) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        row.id,
        row.vendor_id,
        row.name,
        row.status,
        row.snapshot_at,
        row.low_stock_threshold,
        row.low_stock_alerted,
      ],
    );
    await page.getByRole('heading', { name: 'Stock', level: 2 }).waitFor();
    expect(await page.getByText('Inventory is setting up this product').count()).toBe(0);
    await page.context().close();
  });

  it('shows the API refusal of a bad price next to the price, and creates nothing', async () => {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const page = await newPage();
    await signInOnPage(page, vendor.email, PASSWORD);
    await page.getByLabel('Name', { exact: true }).fill('Free lunch');
    await page.getByLabel('Price').fill('-1');
    await page.getByRole('button', { name: 'Create product' }).click();
    const price = page.getByLabel('Price');
    await page.locator(`[aria-invalid="true"]#${await price.getAttribute('id')}`).waitFor();
    expect(
      await page.locator(`#${await price.getAttribute('aria-describedby')}`).textContent(),
    ).not.toBe('');
    expect(
      await t.sql('catalog', 'SELECT id FROM products WHERE vendor_id = $1', [vendor.id]),
    ).toEqual([]);
    await page.context().close();
  });

  it('lets an admin add a category that the storefront tree then shows', async () => {
    const admin = await signInAsAdmin(t);
    const page = await newPage();
    await signInOnPage(page, admin.email, PASSWORD);
    await page.goto('/dashboard');
    await page.getByLabel('Category name').fill('Kitchen');
    await page.getByLabel('Slug (e.g. kitchen-tools)').fill(`kitchen-${Date.now()}`);
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).getByText('Kitchen').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Categories' }).getByText('Kitchen').waitFor();
    await page.context().close();
  });

  it('lets an admin rename and move a category, and refuses a move under its own child', async () => {
    const admin = await signInAsAdmin(t);
    const garden = await createCategory(t, admin, { name: 'Garden' });
    const pots = await createCategory(t, admin, { name: 'Pots', parentId: garden.id });
    const rowOf = async (id: string) =>
      (
        await t.sql('catalog', 'SELECT name, slug, parent_id FROM categories WHERE id = $1', [id])
      )[0];
    const gardenBefore = await rowOf(garden.id);
    const page = await newPage();
    await signInOnPage(page, admin.email, PASSWORD);
    await page.goto('/dashboard');
    const form = page.getByRole('form', { name: 'Edit a category' });

    await form.getByLabel('Category to edit').selectOption({ label: 'Garden' });
    await form.getByLabel('New parent').selectOption({ label: 'Pots' });
    await form.getByRole('button', { name: 'Save category' }).click();
    await form.getByText('a category cannot move under itself or its descendants').waitFor();
    expect(await rowOf(garden.id)).toEqual(gardenBefore);
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel('Category to edit').selectOption({ label: 'Pots' });
    await form.getByLabel('New name').fill('Planters');
    await form.getByLabel('New parent').selectOption({ label: 'None (top level)' });
    await form.getByRole('button', { name: 'Save category' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).getByText('Planters').waitFor();
    expect(await rowOf(pots.id)).toEqual({ name: 'Planters', slug: pots.slug, parent_id: null });
    await page.context().close();
  });

  it('serves GraphiQL at /graphiql in development, without the internet', async () => {
    const page = await newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) {
        outside.push(request.url());
      }
    });
    await page.goto('/graphiql');
    await page.locator('.graphiql-container').waitFor();
    expect(outside).toEqual([]);
    await page.context().close();
  });
});
