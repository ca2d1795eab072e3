import { callerId } from '../../../lib/graphql/request-context';
import type { OrdersContext } from '../context';
import type { RefundOrderLinesArgs } from '../services/order-refunds.service';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation = {
  placeOrder: (_: unknown, args: { input: unknown }, ctx: OrdersContext) =>
    ctx.services.placement.place(callerId(ctx), args.input, ctx.requestId),

  cancelOrder: (_: unknown, args: { id: unknown }, ctx: OrdersContext) =>
    ctx.services.commands.cancel(callerId(ctx), args.id, ctx.requestId),

  refundOrderLines: (_: unknown, args: RefundOrderLinesArgs, ctx: OrdersContext) =>
    ctx.services.refunds.request(ctx.caller, args, ctx.requestId),

  fulfillOrderLines: (_: unknown, args: { orderId: unknown }, ctx: OrdersContext) =>
    ctx.services.commands.fulfil(callerId(ctx), args.orderId, ctx.requestId),
};
