import type { PaymentResolvers } from '../generated/resolvers-types';

export const Payment: PaymentResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.paymentById.load(reference.id),
  /** A reference the orders subgraph resolves; no SQL here. */
  order: (payment) => ({ __typename: 'Order', id: payment.orderId }),
  amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
  checkoutUrl: (payment, _args, ctx) => ctx.services.queries.checkoutUrlOf(payment),
  refunds: (payment, _args, ctx) => ctx.loaders.refundsByPayment.load(payment.id),
};
