import { callerId } from '../../../lib/graphql/request-context';
import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation: MutationResolvers = {
  placeOrder: (_, args, ctx) =>
    ctx.services.placement.place(callerId(ctx), args.input, ctx.requestId),

  cancelOrder: (_, args, ctx) =>
    ctx.services.commands.cancel(callerId(ctx), args.id, ctx.requestId),

  refundOrderLines: (_, args, ctx) => ctx.services.refunds.request(ctx.caller, args, ctx.requestId),

  retryOrderRefund: async (_, args, ctx) => {
    const refund = await ctx.services.refunds.retry(args.refundId, ctx.requestId);
    // An operator's action on money: who sent which refund to payments again.
    ctx.logger.info({ refundId: refund.id, by: callerId(ctx) }, 'line refund retried by an admin');
    return refund;
  },

  fulfillOrderLines: (_, args, ctx) =>
    ctx.services.commands.fulfil(callerId(ctx), args.orderId, ctx.requestId),
};
