import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestSystem } from './test-system';

export const FOLLOW_ORDER = `subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status } }`;

/** One subscription as a test watches it. */
export interface Followed {
  /** Every message received, as it came. */
  received: FormattedExecutionResult<unknown, unknown>[];
  /** The `status` of every message received, the order as it was first. */
  statuses: string[];
  /** What ended it with an error: GraphQL errors (a refusal) or a close event. */
  error: unknown;
  completed: boolean;
  stop(): void;
}

/** A graphql-ws client on the system's gateway; `token` may be a function, called per connect. */
export function subscriptionClient(
  t: TestSystem,
  token: string | (() => string),
  options: Partial<ClientOptions> = {},
): Client {
  return createClient({
    url: t.system.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: () => ({
      Authorization: `Bearer ${typeof token === 'function' ? token() : token}`,
    }),
    retryAttempts: 0,
    ...options,
  });
}

/** Subscribes to `orderStatusChanged` of one order and records what arrives. */
export function followOrder(client: Client, orderId: string): Followed {
  const followed: Followed = {
    received: [],
    statuses: [],
    error: null,
    completed: false,
    stop: () => {},
  };
  followed.stop = client.subscribe<{ orderStatusChanged: { status: string } }>(
    { query: FOLLOW_ORDER, variables: { id: orderId } },
    {
      next: (message) => {
        followed.received.push(message);
        if (message.data) followed.statuses.push(message.data.orderStatusChanged.status);
      },
      error: (error) => {
        followed.error = error;
      },
      complete: () => {
        followed.completed = true;
      },
    },
  );
  return followed;
}

/** The `extensions` of the first GraphQL error a refused subscription ended with. */
export function refusalOf(followed: Followed): Record<string, unknown> | undefined {
  const errors = followed.error as Array<{ extensions?: Record<string, unknown> }> | null;
  return Array.isArray(errors) ? errors[0]?.extensions : undefined;
}
