import { callerId } from '../../../lib/graphql/request-context';
import type { InventoryContext } from '../context';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation = {
  createWarehouse: (_: unknown, args: { input: unknown }, ctx: InventoryContext) =>
    ctx.services.warehouses.create(callerId(ctx), args.input),

  updateWarehouse: (_: unknown, args: { id: unknown; input: unknown }, ctx: InventoryContext) =>
    ctx.services.warehouses.update(callerId(ctx), args.id, args.input, ctx.requestId),

  receiveStock: (_: unknown, args: { input: unknown }, ctx: InventoryContext) =>
    ctx.services.stock.receive(callerId(ctx), args.input, ctx.requestId),

  adjustStock: (_: unknown, args: { input: unknown }, ctx: InventoryContext) =>
    ctx.services.stock.adjust(callerId(ctx), args.input, ctx.requestId),

  transferStock: (_: unknown, args: { input: unknown }, ctx: InventoryContext) =>
    ctx.services.stock.transfer(callerId(ctx), args.input, ctx.requestId),

  setLowStockThreshold: (
    _: unknown,
    args: { productId: unknown; threshold: unknown },
    ctx: InventoryContext,
  ) =>
    ctx.services.stock.setLowStockThreshold(
      callerId(ctx),
      args.productId,
      args.threshold,
      ctx.requestId,
    ),
};
