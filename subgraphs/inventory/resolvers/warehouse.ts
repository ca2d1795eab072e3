import type { WarehouseResolvers } from '../generated/resolvers-types';

export const Warehouse: WarehouseResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.warehouseById.load(reference.id),
  /** A reference the users subgraph resolves; no SQL here. */
  vendor: (warehouse) => ({ __typename: 'User', id: warehouse.vendorId }),
};
