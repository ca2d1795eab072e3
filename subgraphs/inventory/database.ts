import type { DatabaseOptions } from '../../lib/db/database';
import { Product } from './entities/product.entity';
import { ReservationLine } from './entities/reservation-line.entity';
import { Reservation } from './entities/reservation.entity';
import { StockLevel } from './entities/stock-level.entity';
import { StockMovement } from './entities/stock-movement.entity';
import { Warehouse } from './entities/warehouse.entity';
import { CreateInventory1763700000001 } from './migrations/1763700000001-create-inventory';
import { RestockAfterSale1764500000000 } from './migrations/1764500000000-restock-after-sale';

/**
 * The tables of the inventory subgraph: its entities and, in order, the migrations that create
 * them; the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const inventoryDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [Product, Warehouse, StockLevel, StockMovement, Reservation, ReservationLine],
  migrations: [CreateInventory1763700000001, RestockAfterSale1764500000000],
};
