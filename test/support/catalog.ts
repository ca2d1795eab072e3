import type { SignedIn } from './accounts';
import type { GraphQLResult } from './graphql-client';
import type { TestSystem } from './test-system';

/** The product fields most catalog tests look at. */
export const PRODUCT_FIELDS = `id name description status price { amount currency }
  category { id } createdAt updatedAt`;

export const CREATE_PRODUCT = `mutation($input: CreateProductInput!) {
  createProduct(input: $input) { ${PRODUCT_FIELDS} }
}`;

export const UPDATE_PRODUCT = `mutation($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { ${PRODUCT_FIELDS} }
}`;

export const ARCHIVE_PRODUCT = `mutation($id: ID!) { archiveProduct(id: $id) { ${PRODUCT_FIELDS} } }`;

export const CREATE_CATEGORY = `mutation($input: CreateCategoryInput!) {
  createCategory(input: $input) { id name slug parent { id } }
}`;

export const UPDATE_CATEGORY = `mutation($id: ID!, $input: UpdateCategoryInput!) {
  updateCategory(id: $id, input: $input) { id name slug parent { id } }
}`;

/** `products(...)` returning ids, cursors, page info and the total. */
export const LIST_PRODUCTS = `query($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    edges { cursor node { id name status price { amount } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

export interface TestProduct {
  id: string;
  name: string;
  description: string | null;
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED';
  price: { amount: number; currency: string };
  category: { id: string } | null;
  createdAt: string;
  updatedAt: string;
}

let counter = 0;

/** A unique, valid ACTIVE product input; override any field. */
export function newProductInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Product ${counter}`,
    description: `Test product number ${counter}`,
    price: { amount: 1000 + counter, currency: 'EUR' },
    status: 'ACTIVE',
    ...overrides,
  };
}

/** Creates a product as `vendor` through the gateway. */
export async function createProduct(
  t: TestSystem,
  vendor: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<TestProduct> {
  const result = await t.query(
    CREATE_PRODUCT,
    { input: newProductInput(overrides) },
    { token: vendor.accessToken },
  );
  if (result.errors) throw new Error(`createProduct failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createProduct;
}

/** Creates a category as `admin` through the gateway; the slug is made unique. */
export async function createCategory(
  t: TestSystem,
  admin: SignedIn,
  overrides: { name?: string; slug?: string; parentId?: string | null } = {},
): Promise<{ id: string; name: string; slug: string }> {
  counter += 1;
  const input = { name: `Category ${counter}`, slug: `category-${counter}-${Date.now()}` };
  const result = await t.query(
    CREATE_CATEGORY,
    { input: { ...input, ...overrides } },
    { token: admin.accessToken },
  );
  if (result.errors) throw new Error(`createCategory failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createCategory;
}

/** Every page of `products` with this filter and sort, following cursors: the nodes in order. */
export async function allPages(
  t: TestSystem,
  variables: { filter?: Record<string, unknown>; sort?: string; first: number },
  between: (page: number) => Promise<void> = async () => {},
): Promise<Array<{ id: string; name: string; price: { amount: number } }>> {
  const nodes = [];
  let after: string | null = null;
  for (let page = 1; page < 100; page += 1) {
    const result: GraphQLResult = await t.query(LIST_PRODUCTS, { ...variables, after });
    if (result.errors) throw new Error(`products failed: ${JSON.stringify(result.errors)}`);
    const { edges, pageInfo } = result.data!.products;
    nodes.push(...edges.map((edge: { node: unknown }) => edge.node));
    if (!pageInfo.hasNextPage) return nodes;
    after = pageInfo.endCursor;
    await between(page);
  }
  throw new Error('products kept answering hasNextPage');
}

/**
 * A fingerprint of everything catalog stores (every product and category row and the outbox),
 * for asserting that a rejected request changed nothing at all.
 */
export async function catalogFingerprint(t: TestSystem): Promise<Record<string, string>> {
  const [row] = await t.sql(
    'catalog',
    `SELECT
       (SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') FROM products p) AS products,
       (SELECT coalesce(md5(string_agg(c::text, '|' ORDER BY c.id)), '') FROM categories c) AS categories,
       (SELECT count(*)::text FROM outbox) AS outbox`,
  );
  return row;
}

/** The `product.*` events in catalog's outbox for one product, oldest first. */
export async function productEvents(t: TestSystem, productId: string) {
  return t.sql<{ type: string; data: Record<string, unknown>; published: boolean }>(
    'catalog',
    `SELECT type, envelope->'data' AS data, published_at IS NOT NULL AS published
       FROM outbox WHERE envelope->'data'->>'productId' = $1 ORDER BY seq`,
    [productId],
  );
}
