import type { RequestContext } from '../../lib/graphql/request-context';
import { createPaymentLoaders, type PaymentLoaders } from './loaders';
import type { PaymentsServices } from './services/payments-services';

/** Per-request context of the payments subgraph. */
export interface PaymentsContext extends RequestContext {
  services: PaymentsServices;
  loaders: PaymentLoaders;
}

export function createPaymentsContext(
  base: RequestContext,
  services: PaymentsServices,
): PaymentsContext {
  return {
    ...base,
    services,
    loaders: createPaymentLoaders(services.queries, base.caller.userId),
  };
}
