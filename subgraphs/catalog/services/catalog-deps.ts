import type { DataSource } from 'typeorm';
import type { Publisher } from '../../../lib/events/outbox';

/** What the catalog services share: built once at start-up. */
export interface CatalogDeps {
  dataSource: DataSource;
  publisher: Publisher;
}
