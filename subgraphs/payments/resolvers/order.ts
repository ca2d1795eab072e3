import type { PaymentsContext } from '../context';

/** Orders owns orders; payments adds `payment`, shown to the order's customer only. */
export const Order = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  payment: (order: { id: string }, _args: unknown, ctx: PaymentsContext) =>
    ctx.loaders.paymentByOrder.load(order.id),
};
