import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DATABASES } from '../../launcher/databases';
import { TEST_NATS_URL } from './test-env';
import type { TestSystem } from './test-system';

/** Outbox rows not yet relayed, by service (services without an outbox have none). */
async function unrelayed(t: TestSystem, services: string[]): Promise<string[]> {
  const counts = await Promise.all(
    services.map(async (service) => {
      const [{ relays }] = await t.sql<{ relays: boolean }>(
        service,
        `SELECT to_regclass('outbox') IS NOT NULL AS relays`,
      );
      if (!relays) return 0;
      const [row] = await t.sql<{ pending: number }>(
        service,
        'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
      );
      return row.pending;
    }),
  );
  return services.flatMap((service, index) =>
    counts[index] ? [`${service}: ${counts[index]} outbox rows not yet relayed`] : [],
  );
}

/** Per durable consumer of the system's streams: undelivered, unacknowledged, last delivered. */
async function consumers(t: TestSystem): Promise<Array<[string, number, number, number]>> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const found: Array<[string, number, number, number]> = [];
    for await (const stream of jsm.streams.names()) {
      if (!stream.startsWith(`${t.prefix.toUpperCase()}_`)) continue;
      for await (const info of jsm.consumers.list(stream))
        found.push([
          `${stream}/${info.name}`,
          info.num_pending,
          info.num_ack_pending,
          info.delivered.stream_seq,
        ]);
    }
    return found.sort(([a], [b]) => a.localeCompare(b));
  } finally {
    await nc.close();
  }
}

/**
 * Waits until what `parts` were set in motion to do is done: their outboxes relayed and their
 * consumers have acknowledged every event on their streams, seen twice in a row with nothing
 * delivered in between (a handler's own events reach its outbox before it acknowledges). A part
 * is a service (its outbox and each of its consumers, `inventory_*`) or one consumer
 * (`mailer_stock_low`); leave out those that keep retrying an event on purpose, e.g. the mailer
 * waiting for a customer a test never registered. What a test waits for before asserting that
 * something did not happen, instead of sleeping.
 */
export async function waitUntilCaughtUp(
  t: TestSystem,
  parts: string[],
  timeoutMs = 15_000,
): Promise<void> {
  const services = parts.filter((part) => part in DATABASES);
  const ours = (name: string) => parts.some((part) => name === part || name.startsWith(`${part}_`));
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  for (;;) {
    const all = (await consumers(t)).filter(([name]) => ours(name.split('/')[1]));
    const busy = [
      ...(await unrelayed(t, services)),
      ...all
        .filter(([, pending, inFlight]) => pending > 0 || inFlight > 0)
        .map(([name, pending, inFlight]) => `${name}: ${pending} undelivered, ${inFlight} unacked`),
    ];
    const state = JSON.stringify(all);
    if (!busy.length && state === previous) return;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for the system to catch up: ${busy.join('; ')}`);
    previous = busy.length ? '' : state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
