import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp } from '../support/accounts';
import { createProduct } from '../support/catalog';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('the storefront counts all matches only when asked', () => {
  let t: TestSystem;
  let vendorId: string;

  beforeAll(async () => {
    t = await startTestSystem();
    const vendor = await signUp(t, { role: 'VENDOR' });
    vendorId = vendor.id;
    for (let i = 0; i < 3; i += 1) await createProduct(t, vendor);
  });
  afterAll(() => t.stop());

  const catalogStatements = async (selection: string) => {
    resetRequestStatementCounts();
    const result = await t.query(
      `query($filter: ProductFilter) { products(first: 2, filter: $filter) { ${selection} } }`,
      { filter: { vendorId } },
    );
    expect(result.errors).toBeUndefined();
    return {
      data: result.data!.products,
      statements: requestStatementCounts()[`${t.prefix}_catalog`],
    };
  };

  it('reads one page in one statement when totalCount is not selected', async () => {
    const page = await catalogStatements('edges { node { id } } pageInfo { hasNextPage }');
    expect(page.data.edges).toHaveLength(2);
    expect(page.data.pageInfo.hasNextPage).toBe(true);
    expect(page.statements).toBe(1);
  });

  it('adds the count over every page when totalCount is selected, directly or in a fragment', async () => {
    const direct = await catalogStatements('totalCount edges { node { id } }');
    expect(direct.data.totalCount).toBe(3);
    expect(direct.statements).toBe(2);
    const fragment = await catalogStatements('... on ProductConnection { totalCount }');
    expect(fragment.data.totalCount).toBe(3);
    expect(fragment.statements).toBe(2);
  });
});
