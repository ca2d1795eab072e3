import { SubscriptionLimiter, type SubscribingConnection } from './subscription-limits';

/** A connection with `n` open subscriptions, the last of which has just arrived. */
const connectionWith = (n: number): SubscribingConnection => ({
  subscriptions: Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, null])),
});

describe('SubscriptionLimiter', () => {
  const limiter = () => new SubscriptionLimiter({ perConnection: 3, perUser: 5 });

  it('accepts up to the per-connection cap and refuses the next', () => {
    const limits = limiter();
    const connection = connectionWith(3);
    limits.connected('u1', connection);
    expect(limits.refusal('u1', connection)).toBeNull();
    connection.subscriptions.s3 = null;
    expect(limits.refusal('u1', connection)?.extensions).toEqual({
      code: 'SUBSCRIPTION_LIMIT',
      scope: 'connection',
      limit: 3,
    });
  });

  it('counts one user across connections, and not other users', () => {
    const limits = limiter();
    const [a, b, other] = [connectionWith(3), connectionWith(3), connectionWith(3)];
    limits.connected('u1', a);
    limits.connected('u1', b);
    limits.connected('u2', other);
    expect(limits.refusal('u1', b)?.extensions).toMatchObject({ scope: 'user', limit: 5 });
    expect(limits.refusal('u2', other)).toBeNull();
  });

  it('frees the slots of a connection that closed', () => {
    const limits = limiter();
    const [a, b] = [connectionWith(3), connectionWith(3)];
    limits.connected('u1', a);
    limits.connected('u1', b);
    limits.disconnected('u1', a);
    expect(limits.refusal('u1', b)).toBeNull();
  });

  it('frees the slot of a subscription that ended', () => {
    const limits = limiter();
    const connection = connectionWith(4);
    limits.connected('u1', connection);
    expect(limits.refusal('u1', connection)).not.toBeNull();
    delete connection.subscriptions.s0;
    expect(limits.refusal('u1', connection)).toBeNull();
  });

  it('holds anonymous connections to the per-connection cap only', () => {
    const limits = limiter();
    const connection = connectionWith(3);
    limits.connected(null, connection);
    expect(limits.refusal(null, connection)).toBeNull();
    expect(limits.refusal(null, connectionWith(4))?.extensions).toMatchObject({
      scope: 'connection',
    });
  });
});
