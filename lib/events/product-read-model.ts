import type { EntityManager } from 'typeorm';
import type { ProductSnapshot } from './catalogue';
import type { RunningConsumer, StartConsumer } from './consumer';

/** Writes one snapshot of catalog's product into a service's read model. */
export type ApplyProductSnapshot = (
  manager: EntityManager,
  snapshot: ProductSnapshot,
  occurredAt: string,
) => Promise<void>;

/**
 * Starts the consumers of a read model of catalog's products: `product.created`, `.updated` and
 * `.archived` all carry the full snapshot, so each is applied the same way. Each type has its own
 * consumer, so snapshots can arrive out of order: `apply` keeps the newest by `occurredAt`.
 * Spread into the service's list of consumers.
 */
export function consumeProductSnapshots(
  consume: StartConsumer,
  apply: ApplyProductSnapshot,
): Array<Promise<RunningConsumer>> {
  return (['product.created', 'product.updated', 'product.archived'] as const).map((type) =>
    consume(type, (event, manager) => apply(manager, event.data, event.occurredAt)),
  );
}
