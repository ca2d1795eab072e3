import { callerId } from '../../../lib/graphql/request-context';
import type { InventoryContext } from '../context';

export const Query = {
  myWarehouses: (_: unknown, _args: unknown, ctx: InventoryContext) =>
    ctx.services.warehouses.listOf(callerId(ctx)),

  stockMovements: (
    _: unknown,
    args: { productId: unknown; first: unknown },
    ctx: InventoryContext,
  ) => ctx.services.stock.movements(callerId(ctx), args.productId, args.first),
};
