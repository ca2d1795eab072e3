import type { Client } from 'graphql-ws';
import type { SignedIn } from '../test/support/accounts';
import { deliverWebhook, stripeEvent, type FakeStripe } from '../test/support/fake-stripe';
import { waitForPaymentStatus } from '../test/support/payments';
import { FOLLOW_ORDER, subscriptionClient } from '../test/support/subscriptions';
import type { TestSystem } from '../test/support/test-system';
import { waitFor } from '../test/support/wait-for';
import { summarize, type LatencySummary } from './checkout';
import { round } from './proc-stats';
import { inParallel } from './seed';

export interface FanOutResult {
  subscribers: number;
  orders: number;
  /** From subscribing to the first message (the order as it is), 100 subscribing at once. */
  open: LatencySummary;
  /** From orders recording PAID to each subscriber receiving it. */
  change: LatencySummary;
  /** Growth of the gateway's RSS per open subscription (see {@link GatewayMemory}). */
  gatewayKbPerSubscription: number;
  /** Growth of the gateway's live heap plus external memory per subscription, when measured. */
  heapKbPerSubscription?: number;
  /** Subscribers of a paid order that never heard of it. */
  lost: number;
}

/** One subscriber, with the moments that matter stamped as its messages arrive. */
interface Follower {
  orderId: string;
  openedAt: number;
  firstAt: number;
  paidAt: number;
  error: unknown;
  stop(): void;
}

function follow(client: Client, orderId: string): Follower {
  const follower: Follower = {
    orderId,
    openedAt: Date.now(),
    firstAt: 0,
    paidAt: 0,
    error: null,
    stop: () => {},
  };
  follower.stop = client.subscribe<{ orderStatusChanged: { status: string } }>(
    { query: FOLLOW_ORDER, variables: { id: orderId } },
    {
      next: (message) => {
        const now = Date.now();
        follower.firstAt ||= now;
        if (message.data?.orderStatusChanged.status === 'PAID') follower.paidAt ||= now;
      },
      // A close event's fields are getters, which JSON.stringify would drop.
      error: (error) =>
        (follower.error = Array.isArray(error)
          ? error
          : {
              code: (error as { code?: number }).code,
              reason: (error as { reason?: string }).reason,
            }),
      complete: () => {},
    },
  );
  return follower;
}

/**
 * The gateway's memory as the fan-out samples it, with no subscriber and with all of them: right
 * after a full collection (`ProcessInspector.collectedMemory`), or the delta counts garbage.
 */
export interface GatewayMemory {
  rssMb: number;
  heapAndExternalMb?: number;
}

const perSubscriptionKb = (before?: number, after?: number, count = 1) =>
  before === undefined || after === undefined
    ? undefined
    : // Memory moves with the collector too: a figure below zero is noise around nothing.
      Math.max(0, round(((after - before) * 1024) / count));

/** Subscribers opened at once, each wave waiting for the one before to be open. */
const OPENING_WAVE = 100;

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;

/** Places `count` one-unit orders of `productIds` for `customer`; resolves when all await payment. */
export async function awaitingOrders(
  t: TestSystem,
  customer: SignedIn,
  productIds: string[],
  count: number,
): Promise<string[]> {
  const ids = await inParallel(Array.from({ length: count }), 20, async (_, index) => {
    const result = await t.query<{ placeOrder: { id: string } }>(
      PLACE,
      {
        input: {
          items: [{ productId: productIds[index % productIds.length], quantity: 1 }],
          idempotencyKey: `fan-out-${index}-${Date.now()}`,
        },
      },
      { token: customer.accessToken },
    );
    if (result.errors) throw new Error(`placeOrder: ${JSON.stringify(result.errors)}`);
    return result.data!.placeOrder.id;
  });
  await inParallel(ids, 20, (id) => waitForPaymentStatus(t, id, 'OPEN'));
  return ids;
}

/**
 * `subscribers` clients, each on its own WebSocket, follow `orderStatusChanged` of `orderIds`
 * (round robin: more subscribers than orders share them); then `changes` of the orders are paid,
 * `perSecond` a second, and every subscriber of a paid order must hear PAID.
 */
export async function runFanOut(
  t: TestSystem,
  stripe: FakeStripe,
  customer: SignedIn,
  orderIds: string[],
  options: {
    subscribers: number;
    changes: number;
    perSecond: number;
    /** Sampled before the first subscriber and once all are open. */
    gatewayMemory: () => Promise<GatewayMemory>;
  },
): Promise<FanOutResult> {
  const before = await options.gatewayMemory();
  const clients: Client[] = [];
  const followers: Follower[] = [];
  try {
    // In waves, so the figures are of open subscriptions rather than of a connection storm.
    for (let i = 0; i < options.subscribers; i += 1) {
      // Retries as a real client does: on a loaded machine a gateway busy answering the wave's
      // first queries can miss graphql-ws's 3 s wait for `connection_init` (close 4408).
      const client = subscriptionClient(t, customer.accessToken, { retryAttempts: 3 });
      clients.push(client);
      followers.push(follow(client, orderIds[i % orderIds.length]));
      if (followers.length % OPENING_WAVE > 0 && followers.length < options.subscribers) continue;
      await waitFor(
        () => followers.every((entry) => entry.firstAt > 0 || entry.error),
        'every subscription to open',
        120_000,
      );
    }
    {
      const failed = followers.filter((entry) => entry.error);
      if (failed.length) {
        throw new Error(
          `${failed.length} subscriptions refused: ${JSON.stringify(failed[0].error)}`,
        );
      }
      const after = await options.gatewayMemory();
      const toPay = [...new Set(followers.map((entry) => entry.orderId))].slice(0, options.changes);
      const sessions = await Promise.all(toPay.map((id) => waitForPaymentStatus(t, id, 'OPEN')));
      for (const payment of sessions) {
        await new Promise((resolve) => setTimeout(resolve, 1000 / options.perSecond));
        void deliverWebhook(
          t.system.gatewayUrl,
          stripeEvent('checkout.session.completed', stripe.pay(payment.checkout_session_id)),
        );
      }
      const paidFollowers = followers.filter((entry) => toPay.includes(entry.orderId));
      await waitFor(
        () => paidFollowers.every((entry) => entry.paidAt > 0),
        'every subscriber to hear PAID',
        60_000,
      ).catch(() => {});
      const rows = await t.sql<{ order_id: string; at: Date }>(
        'orders',
        `SELECT order_id, at FROM order_status_changes WHERE to_status = 'PAID' AND order_id = ANY($1)`,
        [toPay],
      );
      const committedAt = new Map(rows.map((row) => [row.order_id, row.at.getTime()]));
      const heard = paidFollowers.filter((entry) => entry.paidAt > 0);
      return {
        subscribers: followers.length,
        orders: new Set(followers.map((entry) => entry.orderId)).size,
        open: summarize(
          followers.map((entry) => entry.firstAt - entry.openedAt),
          0,
        ),
        change: summarize(
          heard.map((entry) => entry.paidAt - (committedAt.get(entry.orderId) ?? entry.paidAt)),
          0,
        ),
        gatewayKbPerSubscription:
          perSubscriptionKb(before.rssMb, after.rssMb, followers.length) ?? 0,
        heapKbPerSubscription: perSubscriptionKb(
          before.heapAndExternalMb,
          after.heapAndExternalMb,
          followers.length,
        ),
        lost: paidFollowers.length - heard.length,
      };
    }
  } finally {
    for (const entry of followers) entry.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  }
}
