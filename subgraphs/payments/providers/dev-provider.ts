import { createHash, randomBytes } from 'node:crypto';
import { hashCheckoutToken, type DevCheckoutTokens } from './dev-checkout-tokens';
import type {
  CheckoutSession,
  PaymentProvider,
  ProviderRefund,
  RefundInput,
} from './payment-provider';

/**
 * The provider without a Stripe key: sessions are local (`cs_dev_<random>`) and paid on the dev
 * checkout page that payments serves, opened only with the token in the customer's URL. Refunds
 * succeed at once; their ids derive from the idempotency key (the same key, the same refund, as
 * at Stripe), and they are listed, with the request or full refund they name, until the process
 * ends.
 */
export class DevProvider implements PaymentProvider {
  /** Refunds by payment intent, newest first, as Stripe lists them. */
  private readonly refunds = new Map<string, ProviderRefund[]>();

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
    const refund: ProviderRefund = {
      id: `re_dev_${digest(input.idempotencyKey)}`,
      paymentIntentId: input.paymentIntentId,
      amount: input.amount,
      currency: input.currency,
      status: 'SUCCEEDED',
      refundRequestId: input.refundRequestId,
      fullRefundOf: input.refundRequestId ? null : input.paymentId,
    };
    const intent = input.paymentIntentId ?? '';
    const made = this.refunds.get(intent) ?? [];
    if (!made.some((known) => known.id === refund.id)) this.refunds.set(intent, [refund, ...made]);
    return { id: refund.id, status: refund.status };
  }

  async listRefunds(paymentIntentId: string): Promise<ProviderRefund[]> {
    return [...(this.refunds.get(paymentIntentId) ?? [])];
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}
