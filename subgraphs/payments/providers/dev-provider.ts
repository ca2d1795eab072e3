import { createHash } from 'node:crypto';
import type { CheckoutSessionInput, PaymentProvider, RefundInput } from './payment-provider';

/**
 * The provider without a Stripe key: sessions are local (`cs_dev_...`) and paid on the dev
 * checkout page that payments serves; refunds succeed at once. Ids derive from the idempotency
 * key, so a retried call gives the same object, as Stripe's would.
 */
export class DevProvider implements PaymentProvider {
  constructor(private readonly publicUrl: string) {}

  async createCheckoutSession(input: CheckoutSessionInput) {
    const id = `cs_dev_${digest(input.idempotencyKey)}`;
    return { id, url: `${this.publicUrl}/dev/checkout/${id}` };
  }

  async expireCheckoutSession(): Promise<void> {
    // Nothing to close: the dev page refuses payments that are no longer OPEN.
  }

  async createRefund(input: RefundInput) {
    return { id: `re_dev_${digest(input.idempotencyKey)}`, status: 'SUCCEEDED' as const };
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}
