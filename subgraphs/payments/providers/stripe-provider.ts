import Stripe from 'stripe';
import type { Logger } from '../../../lib/logger';
import { currentTraceCarrier } from '../../../lib/telemetry/event-tracing';
import {
  RefundRefusedError,
  type CheckoutSession,
  type CheckoutSessionInput,
  type PaymentProvider,
  type ProviderRefund,
  type RefundInput,
} from './payment-provider';

/** Creates the Stripe SDK client; `apiUrl` points it at another host (a local fake in tests). */
export function createStripeClient(secretKey: string, apiUrl: string | null): Stripe {
  if (!apiUrl) return new Stripe(secretKey, { maxNetworkRetries: 2 });
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 2,
  });
}

const REFUND_STATUS = {
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'FAILED',
} as const;

/** Refunds per page of `refunds.list`, Stripe's most; the SDK's iterator fetches further pages. */
const REFUNDS_PER_PAGE = 100;

/** The real provider: Stripe Checkout and Refunds through the official SDK. */
export class StripeProvider implements PaymentProvider {
  constructor(
    private readonly stripe: Stripe,
    private readonly logger: Logger,
  ) {}

  async createCheckoutSession(input: CheckoutSessionInput): Promise<CheckoutSession> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: input.lines.map((line) => ({
          quantity: line.quantity,
          price_data: {
            currency: input.currency.toLowerCase(),
            unit_amount: line.unitAmount,
            product_data: { name: line.name },
          },
        })),
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        client_reference_id: input.orderId,
        // The trace of the order rides along, so the webhook continues it (one checkout, one trace).
        metadata: { orderId: input.orderId, ...traceMetadata() },
        payment_intent_data: { metadata: { orderId: input.orderId } },
        expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!session.url)
      throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { id: session.id, url: session.url, tokenHash: null };
  }

  /** Stripe's page is behind its own unguessable URL; it is given as Stripe made it. */
  customerCheckoutUrl(session: { id: string; url: string }): string {
    return session.url;
  }

  async expireCheckoutSession(sessionId: string): Promise<void> {
    const session = await this.stripe.checkout.sessions.retrieve(sessionId);
    if (session.status !== 'open') return;
    try {
      await this.stripe.checkout.sessions.expire(sessionId);
    } catch (error) {
      // Completed in the meantime: its webhook arrives and is refunded as a late payment.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      this.logger.warn({ err: error, sessionId }, 'checkout session could not be expired');
    }
  }

  async createRefund(input: RefundInput) {
    if (!input.paymentIntentId) throw new Error(`No payment intent to refund for ${input.orderId}`);
    const refund = await this.stripe.refunds
      .create(
        {
          payment_intent: input.paymentIntentId,
          amount: input.amount,
          metadata: {
            orderId: input.orderId,
            paymentId: input.paymentId,
            ...(input.refundRequestId
              ? { kind: 'lines', refundRequestId: input.refundRequestId }
              : { kind: 'full' }),
          },
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch((error: unknown) => {
        // Stripe answered no (4xx): the same request will never succeed. Anything else (network,
        // 5xx, rate limit) throws as it is and the event is retried with the same key.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new RefundRefusedError(error.message);
        }
        throw error;
      });
    return { id: refund.id, status: refundStatus(refund) };
  }

  async listRefunds(paymentIntentId: string): Promise<ProviderRefund[]> {
    const refunds: ProviderRefund[] = [];
    try {
      for await (const refund of this.stripe.refunds.list({
        payment_intent: paymentIntentId,
        limit: REFUNDS_PER_PAGE,
      })) {
        refunds.push({
          id: refund.id,
          paymentIntentId: idOf(refund.payment_intent),
          amount: refund.amount,
          currency: refund.currency.toUpperCase(),
          status: refundStatus(refund),
          refundRequestId: refund.metadata?.refundRequestId ?? null,
          fullRefundOf:
            refund.metadata?.kind === 'full' ? (refund.metadata.paymentId ?? null) : null,
        });
      }
    } catch (error) {
      // A 4xx (no such payment intent) will not change on a retry; as a refusal of the refund.
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw new RefundRefusedError(error.message);
      }
      throw error;
    }
    return refunds;
  }
}

/** Stripe's refund status in ours: `pending` and `requires_action` are still PENDING. */
function refundStatus(refund: Stripe.Refund) {
  return REFUND_STATUS[refund.status as keyof typeof REFUND_STATUS] ?? ('PENDING' as const);
}

function idOf(value: string | { id: string } | null): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** `{ traceparent }` of the active trace, or nothing when untraced. */
function traceMetadata(): Record<string, string> {
  const traceparent = currentTraceCarrier()?.traceparent;
  return traceparent ? { traceparent } : {};
}
