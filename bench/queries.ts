import { requestStatementCounts, resetRequestStatementCounts } from '../lib/db/request-statements';
import type { TestSystem } from '../test/support/test-system';
import type { World } from './seed';

/** One read the benchmark loads: through our gateway, and where `peer` also through Hive Gateway. */
export interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  token?: string;
  /** Also through Hive Gateway (without the token). */
  peer: boolean;
  /** What the gateway asks the catalog subgraph for this read (to load the subgraph alone). */
  subgraphQuery?: string;
}

const STOREFRONT = `query Storefront($first: Int) {
  products(first: $first) {
    edges { node { id name price { amount currency } vendor { displayName } category { name } stock { available } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CATALOG_PART = `{ products(first: 20) {
  edges { node { id name price { amount currency } vendor { displayName } category { name } } }
  pageInfo { hasNextPage endCursor }
} }`;

const PRODUCT_PAGE = `query ProductPage($id: ID!) {
  product(id: $id) {
    id name description status price { amount currency } vendor { id displayName }
    category { id name parent { name } } stock { available lowStock }
  }
}`;

const VENDOR_DASHBOARD = `query VendorDashboard {
  me {
    id displayName
    products(first: 20) {
      totalCount
      edges { node { id name status price { amount currency } stock { available reserved onHand } } }
    }
    sales { units revenue { amount currency } }
  }
}`;

const ME = `query Me { me { id displayName email } }`;

/**
 * Signed-in reads are never cached by the gateway, so they measure the federated work; the
 * anonymous storefront shows the response cache. Hive Gateway gets the signed-in reads without
 * the token (it does not verify Bazaar's tokens and caches nothing by default): the same work.
 */
export function QUERIES(world: World): Scenario[] {
  const customer = world.customers[0].accessToken;
  return [
    {
      name: 'storefront page 20',
      query: STOREFRONT,
      variables: { first: 20 },
      token: customer,
      peer: true,
      subgraphQuery: CATALOG_PART,
    },
    {
      name: 'storefront page 100',
      query: STOREFRONT,
      variables: { first: 100 },
      token: customer,
      peer: true,
    },
    {
      name: 'storefront page 20, anonymous (response cache)',
      query: STOREFRONT,
      variables: { first: 20 },
      peer: false,
    },
    {
      name: 'product page',
      query: PRODUCT_PAGE,
      variables: { id: world.products[world.products.length - 1].id },
      token: customer,
      peer: true,
    },
    {
      name: 'vendor dashboard',
      query: VENDOR_DASHBOARD,
      variables: {},
      token: world.vendors[0].accessToken,
      peer: false,
    },
    { name: 'me', query: ME, variables: {}, token: customer, peer: false },
  ];
}

/** The gateway's count of its subgraph fetches so far (its Prometheus histogram). */
async function fetchesSoFar(gatewayUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  return [
    ...text.matchAll(/^bazaar_gateway_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)/gm),
  ]
    .map((match) => Number(match[1]))
    .reduce((sum, value) => sum + value, 0);
}

/**
 * SQL statements (by database) and subgraph fetches of one request of each scenario, from the
 * one-process system: its subgraphs count statements in this process.
 */
export async function perRequestCosts(
  t: TestSystem,
  scenarios: Scenario[],
): Promise<Record<string, { statements: Record<string, number>; subgraphFetches: number }>> {
  const costs: Record<string, { statements: Record<string, number>; subgraphFetches: number }> = {};
  for (const scenario of scenarios) {
    // Once to warm up (plans, caches) and to let requests still in flight from a load finish.
    await t.query(scenario.query, scenario.variables, { token: scenario.token });
    const fetchesBefore = await fetchesSoFar(t.system.gatewayUrl);
    resetRequestStatementCounts();
    const answer = await t.query(scenario.query, scenario.variables, { token: scenario.token });
    if (answer.errors) throw new Error(`${scenario.name}: ${JSON.stringify(answer.errors)}`);
    const statements = Object.fromEntries(
      Object.entries(requestStatementCounts()).map(([database, count]) => [
        database.slice(t.prefix.length + 1),
        count,
      ]),
    );
    costs[scenario.name] = {
      statements,
      subgraphFetches: (await fetchesSoFar(t.system.gatewayUrl)) - fetchesBefore,
    };
  }
  return costs;
}
