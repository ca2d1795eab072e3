import type { DataSource } from 'typeorm';
import type { Publisher } from '../../../lib/events/outbox';
import type { InventoryConfig } from '../config';

/** What the inventory services share: built once at start-up. */
export interface InventoryDeps {
  dataSource: DataSource;
  config: Pick<InventoryConfig, 'reservationTtlMs'>;
  publisher: Publisher;
}
