import type { OrderRefundLineResolvers, OrderRefundResolvers } from '../generated/resolvers-types';

/** A refund's lines point at the order's lines, which the request already loaded. */
export const OrderRefund: OrderRefundResolvers = {
  lines: (refund) => refund.lines.map((line) => ({ ...line, orderId: refund.orderId })),
};

export const OrderRefundLine: OrderRefundLineResolvers = {
  /** The refund's foreign key makes a missing line a broken database. */
  item: async (line, _args, ctx) => {
    const items = await ctx.loaders.itemsByOrder.load(line.orderId);
    const item = items.find((candidate) => candidate.id === line.itemId);
    if (!item) throw new Error(`refund line ${line.itemId} is not a line of order ${line.orderId}`);
    return item;
  },
};
