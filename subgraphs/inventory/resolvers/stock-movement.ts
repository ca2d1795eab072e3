import type { StockMovementResolvers } from '../generated/resolvers-types';

export const StockMovement: StockMovementResolvers = {
  /** Foreign keys (movement → level → warehouse) make a missing warehouse a broken database. */
  warehouse: async (movement, _args, ctx) => {
    const warehouse = await ctx.loaders.warehouseById.load(movement.warehouseId);
    if (!warehouse) throw new Error(`stock movement ${movement.id} has no warehouse`);
    return warehouse;
  },
};
