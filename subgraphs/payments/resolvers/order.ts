import type { OrderResolvers } from '../generated/resolvers-types';

/** Orders owns orders; payments adds `payment`, shown to the order's customer only. */
export const Order: OrderResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  payment: (order, _args, ctx) => ctx.loaders.paymentByOrder.load(order.id),
};
