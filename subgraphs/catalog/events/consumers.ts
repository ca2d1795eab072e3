import type { RunningConsumer, StartConsumer } from '../../../lib/events/consumer';
import { recordUserName } from '../services/user-names';

/** The durable consumer name of every catalog subscription (`catalog_<event>`). */
export const CONSUMER = 'catalog';

/**
 * Catalog's copy of users' display names (services/user-names.ts): both events carry the name,
 * each type through its own durable consumer, so a rename may arrive before the registration it
 * follows; the name of the latest `occurredAt` stays. Created with `DeliverPolicy.All`, so a
 * fresh deployment first replays every user event the stream still holds.
 */
export function startCatalogConsumers(consume: StartConsumer): Promise<RunningConsumer[]> {
  return Promise.all([
    consume('user.registered', (event, manager) =>
      recordUserName(manager, event.data.userId, event.data.displayName, event.occurredAt),
    ),
    consume('user.profile_updated', (event, manager) =>
      recordUserName(manager, event.data.userId, event.data.displayName, event.occurredAt),
    ),
  ]);
}
