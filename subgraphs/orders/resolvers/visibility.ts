import type { OrdersContext } from '../context';
import type { OrderItemView, OrderView } from '../services/order-rows';

/**
 * The lines of `order` the caller may see: all of them for its customer and for admins (who may
 * refund any line), its own for a vendor with lines in it, none for anyone else.
 */
export async function visibleItems(order: OrderView, ctx: OrdersContext): Promise<OrderItemView[]> {
  const items = await ctx.loaders.itemsByOrder.load(order.id);
  if (order.customerId === ctx.caller.userId || ctx.caller.role === 'ADMIN') return items;
  return items.filter((item) => item.vendorId === ctx.caller.userId);
}

/** The order if the caller may see it (its customer, an admin, a vendor with lines in it); else null. */
export async function visibleOrder(orderId: string, ctx: OrdersContext): Promise<OrderView | null> {
  const order = await ctx.loaders.orderById.load(orderId);
  if (!order || !ctx.caller.userId) return null;
  return (await visibleItems(order, ctx)).length ? order : null;
}
