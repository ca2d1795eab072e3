import DataLoader from 'dataloader';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { Warehouse } from './entities/warehouse.entity';
import type { InventoryServices } from './services/inventory-services';
import type { ProductStockView, StockLevelView } from './services/stock-queries';

/** Per-request context of the inventory subgraph. */
export interface InventoryContext extends RequestContext {
  services: InventoryServices;
  loaders: {
    warehouseById: DataLoader<string, Warehouse | null>;
    /** `Product.stock`: totals of every product in the response in one statement. */
    stockByProduct: DataLoader<string, ProductStockView>;
    /** `ProductStock.levels`: every level of every product in the response in one statement. */
    levelsByProduct: DataLoader<string, StockLevelView[]>;
  };
}

export function createInventoryContext(
  base: RequestContext,
  services: InventoryServices,
): InventoryContext {
  return {
    ...base,
    services,
    loaders: {
      warehouseById: new DataLoader(async (ids) => {
        const warehouses = await services.warehouses.findByIds(ids);
        const byId = new Map(warehouses.map((warehouse) => [warehouse.id, warehouse]));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
      }),
      stockByProduct: new DataLoader((ids) => services.stock.totalsOf(ids)),
      levelsByProduct: new DataLoader((ids) => services.stock.levelsOf(ids)),
    },
  };
}
