import type { RefundResolvers } from '../generated/resolvers-types';

export const Refund: RefundResolvers = {
  amount: (refund) => ({ amount: refund.amount, currency: refund.currency }),
};
