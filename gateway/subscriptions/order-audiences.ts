import type { ExecutionResult } from 'graphql';
import type { Caller } from '../../lib/auth/caller';
import type { Logger } from '../../lib/logger';
import type { OrderSubscriptionPlan } from './order-query';
import type { OrderStatusChanged, OrderStatusEvents } from './order-status-events';
import { ResultQueue } from './result-queue';

/** Runs a plan's query as a caller (the gateway's ordinary federated execution). */
export type RunOrderQuery = (
  plan: OrderSubscriptionPlan,
  variables: Record<string, unknown>,
  caller: Caller,
) => Promise<ExecutionResult>;

/**
 * The subscribers of one order who see exactly the same thing: the same caller (visibility is
 * decided per caller by the orders subgraph: a customer sees the whole order, a vendor its own
 * lines) and the same selection and variables. One query per change answers all of them.
 */
interface Audience {
  plan: OrderSubscriptionPlan;
  variables: Record<string, unknown>;
  caller: Caller;
  subscribers: Set<ResultQueue<ExecutionResult>>;
  /** Changes are answered one after another, so every subscriber gets them in order. */
  tail: Promise<void>;
  stopListening: () => void;
}

/** Who an answer is for: ip and request id do not change what the orders subgraph shows. */
const visibilityOf = ({ userId, role, emailVerified }: Caller) => [userId, role, emailVerified];

/**
 * The open `orderStatusChanged` subscriptions of this gateway, grouped into audiences. Leaving
 * (a client completing, or its socket closing) releases the subscriber's queue, its audience
 * when it was the last one, and the order's listener when that was its last audience, at once.
 */
export class OrderAudiences {
  private readonly audiences = new Map<string, Audience>();
  private openCount = 0;

  constructor(
    private readonly events: OrderStatusEvents,
    private readonly run: RunOrderQuery,
    private readonly logger: Logger,
    /** Called once per query run for a change (not for a subscriber's first answer). */
    private readonly onChangeQuery: () => void = () => {},
  ) {}

  /**
   * Joins the audience of this plan and caller, listening from now on. Results of changes are
   * queued until the caller puts the first answer ahead of them with `pushFirst`, or leaves with
   * `return()`.
   */
  join(
    plan: OrderSubscriptionPlan,
    variables: Record<string, unknown>,
    caller: Caller,
  ): ResultQueue<ExecutionResult> {
    const key = JSON.stringify([plan.orderId, visibilityOf(caller), plan.queryId, variables]);
    let audience = this.audiences.get(key);
    if (!audience) {
      const created: Audience = {
        plan,
        variables,
        caller,
        subscribers: new Set(),
        tail: Promise.resolve(),
        stopListening: () => {},
      };
      created.stopListening = this.events.listen(plan.orderId, (event) => {
        created.tail = created.tail.then(() => this.answer(created, event));
      });
      this.audiences.set(key, (audience = created));
    }
    const joined = audience;
    this.openCount++;
    const queue = new ResultQueue<ExecutionResult>(() => {
      this.openCount--;
      joined.subscribers.delete(queue);
      if (joined.subscribers.size > 0) return;
      joined.stopListening();
      this.audiences.delete(key);
    });
    joined.subscribers.add(queue);
    return queue;
  }

  /** Subscriptions open now. */
  get open(): number {
    return this.openCount;
  }

  /** Audiences open now (distinct order, caller and selection). */
  get audienceCount(): number {
    return this.audiences.size;
  }

  private async answer(audience: Audience, event: OrderStatusChanged): Promise<void> {
    if (audience.subscribers.size === 0) return;
    this.onChangeQuery();
    let result: ExecutionResult;
    try {
      result = await this.run(audience.plan, audience.variables, audience.caller);
    } catch (error) {
      // A failed fetch is already a GraphQL error in `result`; only a bug lands here, and the
      // audience keeps following the next changes.
      this.logger.error(
        { err: error, orderId: audience.plan.orderId },
        'order change not answered',
      );
      return;
    }
    const order = (result.data as { orderStatusChanged?: Record<string, unknown> } | null)
      ?.orderStatusChanged;
    // Report the status this event changed to, even if a later change already landed.
    if (order) for (const key of audience.plan.statusKeys) order[key] = event.data.to;
    for (const subscriber of audience.subscribers) subscriber.push(result);
  }
}
