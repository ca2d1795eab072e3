import type { OrdersContext } from '../context';
import type { OrderRefundView } from '../services/refund-rows';

type RefundLine = OrderRefundView['lines'][number] & { orderId: string };

/** A refund's lines point at the order's lines, which the request already loaded. */
export const OrderRefund = {
  lines: (refund: OrderRefundView): RefundLine[] =>
    refund.lines.map((line) => ({ ...line, orderId: refund.orderId })),
};

export const OrderRefundLine = {
  item: async (line: RefundLine, _args: unknown, ctx: OrdersContext) =>
    (await ctx.loaders.itemsByOrder.load(line.orderId)).find((item) => item.id === line.itemId),
};
