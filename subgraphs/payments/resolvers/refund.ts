import type { Refund as RefundRow } from '../entities/refund.entity';

export const Refund = {
  amount: (refund: RefundRow) => ({ amount: refund.amount, currency: refund.currency }),
};
