import type { DataSource } from 'typeorm';
import type { Publisher } from '../../../lib/events/outbox';

/** What the orders services share: built once at start-up. */
export interface OrdersDeps {
  dataSource: DataSource;
  publisher: Publisher;
}
