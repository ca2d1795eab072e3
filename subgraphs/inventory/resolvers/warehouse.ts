import type { InventoryContext } from '../context';
import type { Warehouse as WarehouseEntity } from '../entities/warehouse.entity';

export const Warehouse = {
  __resolveReference: (reference: { id: string }, ctx: InventoryContext) =>
    ctx.loaders.warehouseById.load(reference.id),
  /** A reference the users subgraph resolves; no SQL here. */
  vendor: (warehouse: WarehouseEntity) => ({ __typename: 'User', id: warehouse.vendorId }),
};
