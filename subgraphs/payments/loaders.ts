import DataLoader from 'dataloader';
import type { Payment } from './entities/payment.entity';
import type { Refund } from './entities/refund.entity';
import type { PaymentQueryService } from './services/payment-queries.service';

/** One SQL statement per loader per fetch step, however many orders or payments a response holds. */
export interface PaymentLoaders {
  /** `Order.payment` of the caller's own orders; null for anyone else's (and for anonymous callers). */
  paymentByOrder: DataLoader<string, Payment | null>;
  /** `Payment` references; the shield's owner rule then hides other customers' payments. */
  paymentById: DataLoader<string, Payment | null>;
  /** `Payment.refunds` of every payment in the response. */
  refundsByPayment: DataLoader<string, Refund[]>;
}

export function createPaymentLoaders(
  queries: PaymentQueryService,
  callerId: string | null,
): PaymentLoaders {
  return {
    paymentByOrder: new DataLoader((orderIds) => queries.ofOrders(orderIds, callerId)),
    paymentById: new DataLoader((ids) => queries.byIds(ids)),
    refundsByPayment: new DataLoader((ids) => queries.refundsOf(ids)),
  };
}
