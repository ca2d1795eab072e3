import { createHash } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import { createProduct } from '../support/catalog';
import { receive } from '../support/inventory';
import { stockedProduct, type StockedProduct } from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { scrape, valueOf } from '../telemetry/prometheus-text';

const STOREFRONT = `query Storefront($first: Int) {
  products(first: $first) {
    edges { node { id name price { amount currency } vendor { displayName } category { name } stock { available } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const PRODUCT = `query($id: ID!) { product(id: $id) { id name status stock { available } } }`;
const VENDOR_EMAIL = `query($id: ID!) { product(id: $id) { id vendor { email } } }`;

interface Answer {
  status: number;
  cacheControl: string | null;
  vary: string | null;
  age: number | null;
  body: { data?: Record<string, any> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

describe('response cache: anonymous storefront reads only', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let shelf: StockedProduct;
  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    shelf = await stockedProduct(t, vendor, 5);
  });
  afterAll(() => t.stop());

  async function post(query: string, variables = {}, token?: string): Promise<Answer> {
    const response = await fetch(t.system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return answerOf(response);
  }

  async function answerOf(response: Response): Promise<Answer> {
    const age = response.headers.get('age');
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      vary: response.headers.get('vary'),
      age: age === null ? null : Number(age),
      body: (await response.json()) as Answer['body'],
    };
  }

  /** Fetches from the gateway to every subgraph so far. */
  async function subgraphFetches(): Promise<number> {
    const samples = await scrape(new URL(t.system.gatewayUrl).origin);
    return valueOf(samples, 'bazaar_gateway_subgraph_fetch_duration_seconds_count');
  }

  it('answers a repeated anonymous storefront page from the cache, without a subgraph fetch', async () => {
    const first = await post(STOREFRONT, { first: 20 });
    expect(first.body.errors).toBeUndefined();
    // The shortest hint it touched: stock's 5 seconds.
    expect(first.cacheControl).toBe('max-age=5, public');
    // A signed-in request of the same URL (a persisted GET) must not get this from a browser/CDN.
    expect(first.vary).toMatch(/\bauthorization\b/i);
    const fetches = await subgraphFetches();

    const again = await post(STOREFRONT, { first: 20 });
    expect(again.body).toEqual(first.body);
    expect(again.age).not.toBeNull();
    expect(await subgraphFetches()).toBe(fetches);
  });

  it('never caches for a caller with a token, nor serves them the anonymous answer', async () => {
    const draft = await createProduct(t, vendor, { status: 'DRAFT' });
    const anonymous = await post(PRODUCT, { id: draft.id });
    expect(anonymous.body).toEqual({ data: { product: null } });

    const fetches = await subgraphFetches();
    const asVendor = await post(PRODUCT, { id: draft.id }, vendor.accessToken);
    expect(asVendor.body.data?.product).toMatchObject({ id: draft.id, status: 'DRAFT' });
    expect(asVendor.cacheControl).toBe('no-store');
    expect(asVendor.vary).toMatch(/\bauthorization\b/i);
    expect(asVendor.age).toBeNull();
    expect(await subgraphFetches()).toBeGreaterThan(fetches);
    // And what the vendor saw was not kept for anyone.
    expect((await post(PRODUCT, { id: draft.id })).body).toEqual({ data: { product: null } });
  });

  it('keeps a private field out of the cache: the owner sees it, anonymous callers never do', async () => {
    const owner = await post(VENDOR_EMAIL, { id: shelf.product.id }, vendor.accessToken);
    expect(owner.body.data?.product.vendor.email).toBe(vendor.email);
    expect(owner.cacheControl).toBe('no-store');

    const fetches = await subgraphFetches();
    const anonymous = await post(VENDOR_EMAIL, { id: shelf.product.id });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(anonymous.body)).not.toContain(vendor.email);
    expect(anonymous.cacheControl).toBe('no-store');
    expect(await subgraphFetches()).toBeGreaterThan(fetches);
  });

  it('shows new stock within its max-age: no cached answer is older than that', async () => {
    const variables = { id: shelf.product.id };
    const before = await post(PRODUCT, variables);
    expect(before.body.data?.product.stock.available).toBe(5);
    await receive(t, vendor, shelf.product.id, shelf.warehouse.id, 3);

    const answers: Answer[] = [];
    await waitFor(async () => {
      const answer = await post(PRODUCT, variables);
      answers.push(answer);
      return answer.body.data?.product.stock.available === 8;
    }, 'the new stock for anonymous readers');
    for (const answer of answers) {
      expect(answer.cacheControl).toBe('max-age=5, public');
      expect(answer.age ?? 0).toBeLessThanOrEqual(5);
    }
  });

  it('answers an automatic persisted query over GET, cacheable by a CDN', async () => {
    const sha256Hash = createHash('sha256').update(PRODUCT).digest('hex');
    const url = (withQuery: boolean) => {
      const search = new URLSearchParams({
        variables: JSON.stringify({ id: shelf.product.id }),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
        ...(withQuery ? { query: PRODUCT } : {}),
      });
      return `${t.system.gatewayUrl}?${search}`;
    };
    // GET needs a header a browser would not send cross-site by itself (CSRF prevention).
    const get = async (withQuery: boolean) =>
      answerOf(await fetch(url(withQuery), { headers: { 'apollo-require-preflight': 'true' } }));

    const unknown = await get(false);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get(true)).body.data?.product.id).toBe(shelf.product.id);
    const byHash = await get(false);
    expect(byHash.body.data?.product.id).toBe(shelf.product.id);
    expect(byHash.cacheControl).toBe('max-age=5, public');
  });
});
