import { callerId } from '../../../lib/graphql/request-context';
import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation: MutationResolvers = {
  createWarehouse: (_, args, ctx) => ctx.services.warehouses.create(callerId(ctx), args.input),

  updateWarehouse: (_, args, ctx) =>
    ctx.services.warehouses.update(callerId(ctx), args.id, args.input, ctx.requestId),

  receiveStock: (_, args, ctx) =>
    ctx.services.stock.receive(callerId(ctx), args.input, ctx.requestId),

  adjustStock: (_, args, ctx) =>
    ctx.services.stock.adjust(callerId(ctx), args.input, ctx.requestId),

  transferStock: (_, args, ctx) =>
    ctx.services.stock.transfer(callerId(ctx), args.input, ctx.requestId),

  setLowStockThreshold: (_, args, ctx) =>
    ctx.services.stock.setLowStockThreshold(
      callerId(ctx),
      args.productId,
      args.threshold,
      ctx.requestId,
    ),
};
