import type { OrdersContext } from '../context';
import type { VendorOrderResolvers } from '../generated/resolvers-types';
import type { VendorOrderView } from '../services/order-queries.service';
import { sumMoney } from '../services/order-rows';

async function vendorItems(vendorOrder: VendorOrderView, ctx: OrdersContext) {
  const items = await ctx.loaders.itemsByOrder.load(vendorOrder.order.id);
  return items.filter((item) => item.vendorId === vendorOrder.vendorId);
}

/** A vendor's share of an order: only its lines and their subtotal. */
export const VendorOrder: VendorOrderResolvers = {
  items: (vendorOrder, _args, ctx) => vendorItems(vendorOrder, ctx),
  subtotal: async (vendorOrder, _args, ctx) =>
    sumMoney(
      (await vendorItems(vendorOrder, ctx)).map((item) => item.subtotal),
      vendorOrder.order.total.currency,
    ),
};
