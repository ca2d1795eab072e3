import { usersConfigFromEnv } from '../subgraphs/users/config';
import { createOperatorAccounts, type OperatorAccount } from '../subgraphs/users/operator';
import { devConveniencesAllowed } from '../lib/config/node-env';
import type { Env } from '../lib/config/parse-env';
import { postGraphQL } from '../lib/graphql/http-client';
import type { Logger } from '../lib/logger';

/** Every demo account shares this password; it is printed at start-up. */
export const DEMO_PASSWORD = 'bazaar-demo-2026';

const ACCOUNTS: OperatorAccount[] = [
  {
    email: 'admin@bazaar.test',
    displayName: 'Bazaar Admin',
    role: 'ADMIN',
    password: DEMO_PASSWORD,
  },
  {
    email: 'tea@bazaar.test',
    displayName: 'Leaf & Kettle',
    role: 'VENDOR',
    password: DEMO_PASSWORD,
  },
  {
    email: 'books@bazaar.test',
    displayName: 'Dog-Eared Books',
    role: 'VENDOR',
    password: DEMO_PASSWORD,
  },
  {
    email: 'customer@bazaar.test',
    displayName: 'Casey Customer',
    role: 'CUSTOMER',
    password: DEMO_PASSWORD,
  },
];

const CATEGORIES: Array<{ name: string; slug: string; children: Array<[string, string]> }> = [
  {
    name: 'Kitchen',
    slug: 'kitchen',
    children: [
      ['Tea', 'tea'],
      ['Teaware', 'teaware'],
    ],
  },
  {
    name: 'Books',
    slug: 'books',
    children: [
      ['Fiction', 'fiction'],
      ['Cooking', 'cooking-books'],
    ],
  },
];

/** Per vendor: warehouses, then products as [name, category slug, price in cents, units per warehouse]. */
const CATALOGUE: Record<
  string,
  { warehouses: Array<[string, string]>; products: Array<[string, string, number, number[]]> }
> = {
  'tea@bazaar.test': {
    warehouses: [
      ['Berlin', 'BER-1'],
      ['Hamburg', 'HAM-1'],
    ],
    products: [
      ['Sencha Green Tea 100 g', 'tea', 890, [40, 10]],
      ['Assam Breakfast Tea 250 g', 'tea', 1150, [25, 25]],
      ['Earl Grey Tea 100 g', 'tea', 790, [3, 0]],
      ['Jasmine Pearls 50 g', 'tea', 1490, [12, 6]],
      ['Rooibos Vanilla 100 g', 'tea', 690, [30, 0]],
      ['Matcha Ceremonial 30 g', 'tea', 2490, [8, 4]],
      ['Oolong Milk Tea 100 g', 'tea', 1290, [0, 15]],
      ['Chai Spice Blend 150 g', 'tea', 950, [20, 20]],
      ['Cast Iron Teapot 0.8 l', 'teaware', 4990, [5, 2]],
      ['Glass Teapot 1 l', 'teaware', 2990, [10, 0]],
      ['Ceramic Tea Cups (set of 4)', 'teaware', 2490, [6, 6]],
      ['Bamboo Tea Whisk', 'teaware', 1590, [2, 1]],
      ['Tea Strainer Stainless', 'teaware', 590, [50, 50]],
      ['Electric Kettle with Temperature Control', 'teaware', 6990, [4, 0]],
    ],
  },
  'books@bazaar.test': {
    warehouses: [['Leipzig', 'LEJ-1']],
    products: [
      ['The Long Way to a Small, Angry Planet', 'fiction', 1299, [14]],
      ['A Wizard of Earthsea', 'fiction', 999, [9]],
      ['The Left Hand of Darkness', 'fiction', 1099, [2]],
      ['Piranesi', 'fiction', 1499, [20]],
      ['Klara and the Sun', 'fiction', 1399, [7]],
      ['Project Hail Mary', 'fiction', 1699, [11]],
      ['Salt, Fat, Acid, Heat', 'cooking-books', 3299, [5]],
      ['The Food Lab', 'cooking-books', 4499, [3]],
      ['Jerusalem: A Cookbook', 'cooking-books', 2999, [6]],
      ['Tea: History, Terroirs, Varieties', 'cooking-books', 2799, [4]],
      ['Ottolenghi Simple', 'cooking-books', 3199, [8]],
      ['The Flavor Bible', 'cooking-books', 3599, [1]],
    ],
  },
};

export interface DemoWorld {
  logins: Array<{ email: string; role: string }>;
  password: string;
}

/**
 * Creates the demo world — an admin, two verified vendors with warehouses, stock and products in
 * a small category tree, and a verified customer — through the public API (only the accounts go
 * straight to the users database, as an operator's would). Does nothing and returns null when
 * the demo admin already exists, so it runs once per database. Refuses outside development and
 * test: every demo password, the admin's included, is published.
 */
export async function seedDemoWorld(
  gatewayUrl: string,
  env: Env,
  logger: Logger,
): Promise<DemoWorld | null> {
  if (!devConveniencesAllowed(env.NODE_ENV)) {
    throw new Error(
      `The demo world is for development only (NODE_ENV=${env.NODE_ENV ?? 'unset, i.e. production'})`,
    );
  }
  const ids = await createOperatorAccounts(usersConfigFromEnv(env), ACCOUNTS);
  if (ids[0] === null) return null;
  const call = async <Data>(
    token: string | null,
    query: string,
    variables: Record<string, unknown>,
  ) => {
    const result = await postGraphQL<Data>(
      gatewayUrl,
      query,
      variables,
      token ? { authorization: `Bearer ${token}` } : {},
    );
    if (result.errors?.length) throw new Error(`seeding failed: ${result.errors[0].message}`);
    return result.data as Data;
  };
  const tokens = new Map<string, string>();
  for (const { email } of ACCOUNTS) {
    const { login } = await call<{ login: { accessToken: string } }>(
      null,
      'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      { input: { login: email, password: DEMO_PASSWORD } },
    );
    tokens.set(email, login.accessToken);
  }

  const categoryIds = new Map<string, string>();
  const createCategory = async (name: string, slug: string, parentId: string | null) => {
    const { createCategory } = await call<{ createCategory: { id: string } }>(
      tokens.get('admin@bazaar.test')!,
      'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
      { input: { name, slug, parentId } },
    );
    categoryIds.set(slug, createCategory.id);
  };
  for (const root of CATEGORIES) {
    await createCategory(root.name, root.slug, null);
    for (const [name, slug] of root.children)
      await createCategory(name, slug, categoryIds.get(root.slug)!);
  }

  for (const [vendor, { warehouses, products }] of Object.entries(CATALOGUE)) {
    const token = tokens.get(vendor)!;
    const warehouseIds: string[] = [];
    for (const [name, code] of warehouses) {
      const { createWarehouse } = await call<{ createWarehouse: { id: string } }>(
        token,
        'mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }',
        { input: { name, code } },
      );
      warehouseIds.push(createWarehouse.id);
    }
    for (const [name, slug, amount, units] of products) {
      const { createProduct } = await call<{ createProduct: { id: string } }>(
        token,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        {
          input: {
            name,
            description: `${name}, sold by a Bazaar demo vendor.`,
            categoryId: categoryIds.get(slug),
            price: { amount, currency: 'EUR' },
            status: 'ACTIVE',
          },
        },
      );
      for (const [index, quantity] of units.entries()) {
        if (quantity === 0) continue;
        // Inventory learns of the product from catalog's event; retry until it has.
        await retry(() =>
          call(
            token,
            'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { onHand } }',
            {
              input: { productId: createProduct.id, warehouseId: warehouseIds[index], quantity },
            },
          ),
        );
      }
    }
  }
  logger.info('demo world created');
  return { logins: ACCOUNTS.map(({ email, role }) => ({ email, role })), password: DEMO_PASSWORD };
}

async function retry<T>(work: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
