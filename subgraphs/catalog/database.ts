import type { DatabaseOptions } from '../../lib/db/database';
import { Category } from './entities/category.entity';
import { Product } from './entities/product.entity';
import { CreateCatalog1763700000001 } from './migrations/1763700000001-create-catalog';
import { UserNames1764700000000 } from './migrations/1764700000000-user-names';

/**
 * The tables of the catalog subgraph: its entities and, in order, the migrations that create
 * them (`user_names` has no entity: only SQL reads and writes it, see services/user-names.ts);
 * the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const catalogDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [Product, Category],
  migrations: [CreateCatalog1763700000001, UserNames1764700000000],
};
