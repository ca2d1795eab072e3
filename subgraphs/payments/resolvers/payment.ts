import type { PaymentsContext } from '../context';
import type { Payment as PaymentRow } from '../entities/payment.entity';

export const Payment = {
  __resolveReference: (reference: { id: string }, ctx: PaymentsContext) =>
    ctx.loaders.paymentById.load(reference.id),
  order: (payment: PaymentRow) => ({ __typename: 'Order', id: payment.orderId }),
  amount: (payment: PaymentRow) => ({ amount: payment.amount, currency: payment.currency }),
  checkoutUrl: (payment: PaymentRow, _args: unknown, ctx: PaymentsContext) =>
    ctx.payments.checkoutUrlOf(payment),
  refunds: (payment: PaymentRow, _args: unknown, ctx: PaymentsContext) =>
    ctx.loaders.refundsByPayment.load(payment.id),
};
