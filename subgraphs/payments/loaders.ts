import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { isId } from '../../lib/validation';
import { Payment } from './entities/payment.entity';
import type { Refund } from './entities/refund.entity';
import type { PaymentService } from './services/payment.service';

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
  dataSource: DataSource,
  payments: PaymentService,
  callerId: string | null,
): PaymentLoaders {
  return {
    paymentByOrder: new DataLoader(async (orderIds) => {
      const ids = orderIds.filter(isId);
      const found =
        callerId && ids.length
          ? await dataSource.manager.findBy(Payment, { orderId: In(ids), customerId: callerId })
          : [];
      const byOrder = new Map(found.map((payment) => [payment.orderId, payment]));
      return orderIds.map((id) => byOrder.get(id) ?? null);
    }),
    paymentById: new DataLoader(async (paymentIds) => {
      const ids = paymentIds.filter(isId);
      const found = ids.length ? await dataSource.manager.findBy(Payment, { id: In(ids) }) : [];
      const byId = new Map(found.map((payment) => [payment.id, payment]));
      return paymentIds.map((id) => byId.get(id) ?? null);
    }),
    refundsByPayment: new DataLoader(async (ids) => {
      const refunds = await payments.refundsOf(ids);
      return ids.map((id) => refunds.filter((refund) => refund.paymentId === id));
    }),
  };
}
