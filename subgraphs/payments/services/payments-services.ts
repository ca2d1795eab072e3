import { PaymentQueryService } from './payment-queries.service';
import { PaymentService } from './payment.service';
import type { PaymentsDeps } from './payments-deps';
import { WebhookService } from './webhook.service';

/** The payments subgraph's services, built once at start-up. */
export interface PaymentsServices {
  /** The saga's side: opens, closes and refunds checkouts as orders move. */
  checkout: PaymentService;
  /** Reads for the API and the dev checkout page. */
  queries: PaymentQueryService;
  /** Verified Stripe events. */
  webhooks: WebhookService;
}

export function createPaymentsServices(deps: PaymentsDeps): PaymentsServices {
  return {
    checkout: new PaymentService(deps),
    queries: new PaymentQueryService(deps),
    webhooks: new WebhookService(deps),
  };
}
