import DataLoader from 'dataloader';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { Refund } from './entities/refund.entity';
import type { PaymentService } from './services/payment.service';

/** Per-request context of the payments subgraph. */
export interface PaymentsContext extends RequestContext {
  payments: PaymentService;
  loaders: {
    /** `Payment.refunds` of every payment in the response in one statement. */
    refundsByPayment: DataLoader<string, Refund[]>;
  };
}

export function createPaymentsContext(
  base: RequestContext,
  payments: PaymentService,
): PaymentsContext {
  return {
    ...base,
    payments,
    loaders: {
      refundsByPayment: new DataLoader(async (ids) => {
        const refunds = await payments.refundsOf(ids);
        return ids.map((id) => refunds.filter((refund) => refund.paymentId === id));
      }),
    },
  };
}
