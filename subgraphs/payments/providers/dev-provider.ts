import { createHash, randomBytes } from 'node:crypto';
import { hashCheckoutToken, type DevCheckoutTokens } from './dev-checkout-tokens';
import type { CheckoutSession, PaymentProvider, RefundInput } from './payment-provider';

/**
 * The provider without a Stripe key: sessions are local (`cs_dev_<random>`) and paid on the dev
 * checkout page that payments serves, opened only with the token in the customer's URL. Refunds
 * succeed at once; their ids derive from the idempotency key, as Stripe's would.
 */
export class DevProvider implements PaymentProvider {
  constructor(
    private readonly publicUrl: string,
    private readonly tokens: DevCheckoutTokens,
  ) {}

  async createCheckoutSession(): Promise<CheckoutSession> {
    // Random, not derived from the order id: knowing an order must not lead to its checkout page.
    const id = `cs_dev_${randomBytes(24).toString('hex')}`;
    return {
      id,
      url: `${this.publicUrl}/dev/checkout/${id}`,
      tokenHash: hashCheckoutToken(this.tokens.tokenFor(id)),
    };
  }

  customerCheckoutUrl(session: { id: string; url: string }): string {
    return `${session.url}?token=${this.tokens.tokenFor(session.id)}`;
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
