import { callerId } from '../../../lib/graphql/request-context';
import type { PaymentsContext } from '../context';
import type { PaymentStatus } from '../entities/payment.entity';

export const Query = {
  payments: (_root: unknown, args: { status?: PaymentStatus | null }, ctx: PaymentsContext) =>
    ctx.payments.ofCustomer(callerId(ctx), args.status ?? null),
};
