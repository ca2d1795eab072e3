import { randomUUID } from 'node:crypto';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp, type SignedIn } from '../support/accounts';
import { startTestSystem, type TestSystem } from '../support/test-system';

const PAYMENTS = `query($first: Int, $after: String, $status: PaymentStatus) {
  payments(first: $first, after: $after, status: $status) {
    edges { cursor node { id status refunds { id status } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string; status: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const cursor = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * `count` payments of `customerId` straight into the payments database, two at a time sharing a
 * creation time to the microsecond (so a page may end between them), every third one PAID with
 * a refund. Ids returned newest first, as `payments` lists them.
 */
async function seedPayments(t: TestSystem, customerId: string, count: number): Promise<string[]> {
  const rows = await t.sql<{ id: string }>(
    'payments',
    `INSERT INTO payments (id, order_id, customer_id, status, amount, currency, checkout_session_id, created_at)
     SELECT gen_random_uuid(), gen_random_uuid(), $1, CASE WHEN n % 3 = 0 THEN 'PAID' ELSE 'OPEN' END,
            1000, 'USD', 'cs_' || gen_random_uuid(),
            timestamptz '2026-11-01T00:00:00Z' + (n / 2) * interval '1 microsecond'
       FROM generate_series(1, $2::int) AS n
     RETURNING id`,
    [customerId, count],
  );
  await t.sql(
    'payments',
    `INSERT INTO refunds (id, payment_id, stripe_refund_id, amount, currency, status, reason)
     SELECT gen_random_uuid(), p.id, 're_' || gen_random_uuid(), 100, 'USD', 'SUCCEEDED', 'LATE_PAYMENT'
       FROM payments p WHERE p.customer_id = $1 AND p.status = 'PAID'`,
    [customerId],
  );
  const ordered = await t.sql<{ id: string }>(
    'payments',
    'SELECT id FROM payments WHERE customer_id = $1 ORDER BY created_at DESC, id DESC',
    [customerId],
  );
  expect(ordered).toHaveLength(rows.length);
  return ordered.map((row) => row.id);
}

describe('payments lists the caller’s own payments as a connection', () => {
  let t: TestSystem;
  let alice: SignedIn;
  let aliceIds: string[];

  beforeAll(async () => {
    t = await startTestSystem();
    alice = await signUp(t);
    aliceIds = await seedPayments(t, alice.id, 60);
    await seedPayments(t, (await signUp(t)).id, 5);
  });
  afterAll(() => t.stop());

  const pageOf = async (variables: Record<string, unknown>, token = alice.accessToken) => {
    const result = await t.query(PAYMENTS, variables, { token });
    expect(result.errors).toBeUndefined();
    return result.data!.payments as Page;
  };

  it('walks every page newest first without gaps or repeats, ties within a microsecond included', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await pageOf({ first: 7, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(aliceIds);
  });

  it('pages within a status and defaults to 20', async () => {
    const all = await pageOf({});
    expect(all.edges).toHaveLength(20);
    const paid = await pageOf({ first: 100, status: 'PAID' });
    expect(paid.edges.map((edge) => edge.node.status)).toEqual(Array(20).fill('PAID'));
    expect(paid.pageInfo.hasNextPage).toBe(false);
  });

  it('shows another customer none of them, and anonymous callers nothing', async () => {
    const bob = await signUp(t);
    const page = await pageOf({ first: 100 }, bob.accessToken);
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const anonymous = await t.query(PAYMENTS, { first: 10 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeNull();
  });

  it('runs as many statements for a page of 50 as for a page of 10', async () => {
    const statementsFor = async (first: number) => {
      resetRequestStatementCounts();
      const page = await pageOf({ first });
      expect(page.edges).toHaveLength(first);
      return requestStatementCounts()[`${t.prefix}_payments`];
    };
    const small = await statementsFor(10);
    expect(await statementsFor(50)).toBe(small);
    // The page, the refunds of its payments.
    expect(small).toBe(2);
  });

  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 101', { first: 101 }, 'first'],
    ['an after that is no cursor', { first: 5, after: 'nope' }, 'after'],
    ['a cursor of another listing', { first: 5, after: cursor(['orders', '12']) }, 'after'],
    [
      'a cursor with a date that does not exist',
      { first: 5, after: cursor(['payments', '2026-02-30T00:00:00.000000Z', randomUUID()]) },
      'after',
    ],
    [
      'a cursor with an id that is no id',
      { first: 5, after: cursor(['payments', '2026-11-01T00:00:00.000000Z', 'x']) },
      'after',
    ],
  ])(
    'refuses %s as BAD_USER_INPUT on the argument and changes nothing',
    async (_, variables, field) => {
      const snapshot = () =>
        t.sql(
          'payments',
          "SELECT md5(string_agg(p::text, ',' ORDER BY id)) AS rows FROM payments p",
        );
      const before = await snapshot();
      const result = await t.query(PAYMENTS, variables, { token: alice.accessToken });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.data).toBeNull();
      expect(await snapshot()).toEqual(before);
    },
  );
});
