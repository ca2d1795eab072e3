import { signInAsAdmin, signUp, type SignedIn } from '../test/support/accounts';
import { createCategory, createProduct, type TestProduct } from '../test/support/catalog';
import { createWarehouse, receive } from '../test/support/inventory';
import type { TestSystem } from '../test/support/test-system';
import { waitFor } from '../test/support/wait-for';

/** What the scenarios read and buy, all made through the API as a shop would make it. */
export interface World {
  vendors: SignedIn[];
  /** Every product, ACTIVE, with stock in two warehouses of its vendor. */
  products: TestProduct[];
  /** A few products with a small, known stock that checkout customers compete for. */
  contested: Array<{ product: TestProduct; stock: number }>;
  customers: SignedIn[];
}

export interface WorldSize {
  vendors: number;
  categories: number;
  products: number;
  customers: number;
  /** Units of each contested product; the checkout asks for more than that in total. */
  contestedStock: number;
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T, R>(
  items: T[],
  width: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/** Waits until `service` has heard of all `ids` (its read model of products). */
async function known(t: TestSystem, service: string, ids: string[]): Promise<void> {
  await waitFor(
    async () =>
      (
        await t.sql<{ n: number }>(
          service,
          'SELECT count(*)::int AS n FROM products WHERE id = ANY($1)',
          [ids],
        )
      )[0].n === ids.length,
    `${service} to learn ${ids.length} products`,
    120_000,
  );
}

export async function seedWorld(t: TestSystem, size: WorldSize): Promise<World> {
  const admin = await signInAsAdmin(t);
  const categories = await inParallel(Array.from({ length: size.categories }), 4, () =>
    createCategory(t, admin),
  );
  const vendors = await inParallel(Array.from({ length: size.vendors }), 4, () =>
    signUp(t, { role: 'VENDOR' }),
  );
  const warehouses = await inParallel(vendors, 4, async (vendor) => [
    await createWarehouse(t, vendor),
    await createWarehouse(t, vendor),
  ]);
  const products = await inParallel(Array.from({ length: size.products }), 8, (_, index) =>
    createProduct(t, vendors[index % vendors.length], {
      categoryId: categories[index % categories.length].id,
    }),
  );
  await known(
    t,
    'inventory',
    products.map((product) => product.id),
  );
  const contestedCount = Math.min(5, products.length);
  await inParallel(products, 8, async (product, index) => {
    const [first, second] = warehouses[index % vendors.length];
    const vendor = vendors[index % vendors.length];
    if (index < contestedCount) {
      await receive(t, vendor, product.id, first.id, size.contestedStock);
      return;
    }
    await receive(t, vendor, product.id, first.id, 50 + (index % 7));
    await receive(t, vendor, product.id, second.id, 20 + (index % 5));
  });
  await known(
    t,
    'orders',
    products.map((product) => product.id),
  );
  const customers = await inParallel(Array.from({ length: size.customers }), 4, () => signUp(t));
  return {
    vendors,
    products,
    contested: products
      .slice(0, contestedCount)
      .map((product) => ({ product, stock: size.contestedStock })),
    customers,
  };
}
