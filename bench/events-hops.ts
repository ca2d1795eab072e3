/**
 * Where a checkout's time goes, hop by hop, read from the outbox and inbox rows the run left
 * behind (all stamped by the one PostgreSQL clock): placeOrder's commit → orders' relay claims
 * `order.placed` → inventory's consumer starts on it → inventory's relay claims `stock.reserved`
 * → orders' consumer starts on it → orders' relay claims the AWAITING_PAYMENT change. `now()` in
 * a row is its transaction's start, so each hop includes the wait for a relay round or a consumer
 * slot, which is what this is for.
 */
import type { TestSystem } from '../test/support/test-system';

interface Stamp {
  orderId: string;
  at: Date;
}

/** The hops of every order, in milliseconds: p50 and p99 of each. */
export async function checkoutHops(
  t: TestSystem,
  placedAt: Map<string, number>,
): Promise<Record<string, { p50: number; p99: number }>> {
  const outbox = (service: string, type: string, column: string, extra = '') =>
    t.sql<Stamp>(
      service,
      `SELECT envelope->'data'->>'orderId' AS "orderId", ${column} AS at
         FROM outbox WHERE type = $1 ${extra}`,
      [type],
    );
  const inbox = (service: string, producer: string, type: string) =>
    t
      .sql<{ eventId: string; at: Date }>(
        service,
        `SELECT event_id AS "eventId", processed_at AS at FROM inbox WHERE consumer = $1`,
        [service],
      )
      .then(async (rows) => {
        const ids = await t.sql<{ id: string; orderId: string }>(
          producer,
          `SELECT id, envelope->'data'->>'orderId' AS "orderId" FROM outbox WHERE type = $1`,
          [type],
        );
        const orderOf = new Map(ids.map((row) => [row.id, row.orderId]));
        return rows
          .filter((row) => orderOf.has(row.eventId))
          .map((row) => ({ orderId: orderOf.get(row.eventId)!, at: row.at }));
      });
  const awaiting = "AND envelope->'data'->>'to' = 'AWAITING_PAYMENT'";
  const steps: Array<[string, Stamp[]]> = [
    ['placed committed', await outbox('orders', 'order.placed', 'created_at')],
    ['order.placed claimed by relay', await outbox('orders', 'order.placed', 'published_at')],
    ['inventory consumer starts', await inbox('inventory', 'orders', 'order.placed')],
    [
      'stock.reserved claimed by relay',
      await outbox('inventory', 'stock.reserved', 'published_at'),
    ],
    ['orders consumer starts', await inbox('orders', 'inventory', 'stock.reserved')],
    [
      'AWAITING_PAYMENT claimed by relay',
      await outbox('orders', 'order.status_changed', 'published_at', awaiting),
    ],
  ];
  const byOrder = steps.map(([, rows]) => new Map(rows.map((row) => [row.orderId, +row.at])));
  const result: Record<string, { p50: number; p99: number }> = {};
  let previous = 'placeOrder sent';
  steps.forEach(([name], index) => {
    const gaps: number[] = [];
    for (const [orderId, sent] of placedAt) {
      const at = byOrder[index].get(orderId);
      const before = index === 0 ? sent : byOrder[index - 1].get(orderId);
      if (at !== undefined && before !== undefined) gaps.push(at - before);
    }
    gaps.sort((a, b) => a - b);
    const pick = (p: number) =>
      Math.round(gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? NaN);
    result[`${previous} → ${name}`] = { p50: pick(0.5), p99: pick(0.99) };
    previous = name;
  });
  return result;
}
