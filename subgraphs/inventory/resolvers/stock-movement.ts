import type { InventoryContext } from '../context';
import type { StockMovement as StockMovementEntity } from '../entities/stock-movement.entity';

export const StockMovement = {
  warehouse: (movement: StockMovementEntity, _args: unknown, ctx: InventoryContext) =>
    ctx.loaders.warehouseById.load(movement.warehouseId),
};
