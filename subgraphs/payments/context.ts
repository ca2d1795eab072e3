import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../lib/graphql/request-context';
import { createPaymentLoaders, type PaymentLoaders } from './loaders';
import type { PaymentService } from './services/payment.service';

/** Per-request context of the payments subgraph. */
export interface PaymentsContext extends RequestContext {
  payments: PaymentService;
  loaders: PaymentLoaders;
}

export function createPaymentsContext(
  base: RequestContext,
  payments: PaymentService,
  dataSource: DataSource,
): PaymentsContext {
  return {
    ...base,
    payments,
    loaders: createPaymentLoaders(dataSource, payments, base.caller.userId),
  };
}
