import { GraphQLError } from 'graphql';

/** Caps on open subscriptions. */
export interface SubscriptionLimits {
  /** On one WebSocket connection. */
  perConnection: number;
  /** For one user, across every connection to this gateway process. */
  perUser: number;
}

/**
 * A WebSocket connection as graphql-ws keeps it: `subscriptions` holds one key per subscription
 * from the moment its `subscribe` message arrives until it ends in any way (completed by either
 * side, failed, or the socket closed). Counting those keys, rather than keeping counters of our
 * own, means no path can leak a slot.
 */
export interface SubscribingConnection {
  subscriptions: Record<string, unknown>;
}

/**
 * Open subscriptions per connection and per user. The per-user count is of this process only:
 * a user connected to two gateway replicas may hold the cap on each (a shared store would be
 * needed to do better, for little gain: each subscription costs one replica only).
 */
export class SubscriptionLimiter {
  private readonly connectionsByUser = new Map<string, Set<SubscribingConnection>>();

  constructor(private readonly limits: SubscriptionLimits) {}

  /** Call once the connection is authenticated. Anonymous connections have only the per-connection cap. */
  connected(userId: string | null, connection: SubscribingConnection): void {
    if (!userId) return;
    const connections = this.connectionsByUser.get(userId) ?? new Set();
    connections.add(connection);
    this.connectionsByUser.set(userId, connections);
  }

  disconnected(userId: string | null, connection: SubscribingConnection): void {
    if (!userId) return;
    const connections = this.connectionsByUser.get(userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.connectionsByUser.delete(userId);
  }

  /**
   * Why a subscription that has just been registered on `connection` (and so is counted) must be
   * refused, or null when it is within both caps. Must run synchronously on arrival of the
   * `subscribe` message, so subscriptions arriving together are each counted before the next.
   */
  refusal(userId: string | null, connection: SubscribingConnection): GraphQLError | null {
    if (open(connection) > this.limits.perConnection) {
      return limitError('connection', this.limits.perConnection);
    }
    if (userId) {
      let total = 0;
      for (const other of this.connectionsByUser.get(userId) ?? []) total += open(other);
      if (total > this.limits.perUser) return limitError('user', this.limits.perUser);
    }
    return null;
  }
}

const open = (connection: SubscribingConnection) => Object.keys(connection.subscriptions).length;

function limitError(scope: 'connection' | 'user', limit: number): GraphQLError {
  return new GraphQLError(
    `At most ${limit} subscriptions may be open per ${scope}; complete one before starting another`,
    { extensions: { code: 'SUBSCRIPTION_LIMIT', scope, limit } },
  );
}
