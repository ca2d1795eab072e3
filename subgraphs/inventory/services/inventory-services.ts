import type { InventoryDeps } from './inventory-deps';
import { ReservationService } from './reservation.service';
import { StockService } from './stock.service';
import { WarehouseService } from './warehouse.service';

/** The inventory subgraph's services, built once at start-up. */
export interface InventoryServices {
  warehouses: WarehouseService;
  stock: StockService;
  reservations: ReservationService;
}

export function createInventoryServices(deps: InventoryDeps): InventoryServices {
  return {
    warehouses: new WarehouseService(deps),
    stock: new StockService(deps),
    reservations: new ReservationService(deps),
  };
}
