import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../../../lib/errors';
import { limitedAddress } from './client-address';

/** The table the limiters share (created by a migration, so the library never issues DDL). */
export const RATE_LIMITS_TABLE = 'rate_limits';

/** At most `max` attempts within `windowMs`; the window starts at the first attempt. */
export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Limits of one action: per client address (an IPv6 client by its /64, see `limitedAddress`), and
 * per subject — the account, login name or email
 * recipient the attempt is aimed at.
 */
export interface ActionLimits {
  perIp: Limit;
  perSubject?: Limit;
}

export interface AbuseLimitsConfig {
  /** Subject: the account (or, for unknown logins, the login name). */
  login: Required<ActionLimits>;
  register: ActionLimits;
  /** Password-reset and verification emails; subject: the recipient address. */
  accountEmail: Required<ActionLimits>;
  /** Subject: the signed-in account. */
  passwordChange: Required<ActionLimits>;
}

/**
 * Attempts at one action, counted in PostgreSQL by rate-limiter-flexible: each attempt is one
 * `INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, so parallel attempts are counted one after
 * the other and every replica sees the same counts. Callers consume BEFORE doing the work, so a
 * burst cannot slip through while the first attempts are still running.
 */
export class ActionLimiter {
  private readonly perIp: RateLimiterPostgres;
  private readonly perSubject: RateLimiterPostgres | null;

  constructor(dataSource: DataSource, action: string, limits: ActionLimits) {
    this.perIp = limiter(dataSource, `${action}-ip`, limits.perIp);
    this.perSubject = limits.perSubject
      ? limiter(dataSource, `${action}-subject`, limits.perSubject)
      : null;
  }

  /**
   * Counts one attempt; throws `RATE_LIMITED` with the seconds to wait when over a limit. The
   * address is counted first, so an address that is already refused cannot go on using up (and
   * lock) an account's attempts.
   */
  async consume(subject: string | null, ip: string | null): Promise<void> {
    if (ip) await take(this.perIp, limitedAddress(ip));
    if (subject && this.perSubject) await take(this.perSubject, subject);
  }

  /**
   * Takes back an attempt that turned out well (a successful login is no failure): the subject
   * starts afresh and the address gets its attempt back.
   */
  async forgive(subject: string | null, ip: string | null): Promise<void> {
    await Promise.all([
      subject && this.perSubject ? this.perSubject.delete(subject) : null,
      ip ? this.perIp.reward(limitedAddress(ip), 1) : null,
    ]);
  }
}

/** The users service's limits, built once at start-up. */
export class AbuseLimits {
  readonly login: ActionLimiter;
  readonly register: ActionLimiter;
  readonly accountEmail: ActionLimiter;
  readonly passwordChange: ActionLimiter;

  constructor(
    private readonly dataSource: DataSource,
    config: AbuseLimitsConfig,
  ) {
    this.login = new ActionLimiter(dataSource, 'login', config.login);
    this.register = new ActionLimiter(dataSource, 'register', config.register);
    this.accountEmail = new ActionLimiter(dataSource, 'account-email', config.accountEmail);
    this.passwordChange = new ActionLimiter(dataSource, 'password-change', config.passwordChange);
  }

  /** Deletes counters whose window has ended (run periodically; the limiter ignores them anyway). */
  async pruneExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE expire < $1`, [Date.now()]);
  }
}

/**
 * A subject key that keeps neither an email address nor a phone number in the counters table,
 * and stays within its 255 characters whatever was typed.
 */
export function subjectKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex')}`;
}

function limiter(dataSource: DataSource, keyPrefix: string, limit: Limit): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: dataSource,
    storeType: 'typeorm',
    tableName: RATE_LIMITS_TABLE,
    tableCreated: true,
    // Pruning runs on the service's own poller, which stops with the service.
    clearExpiredByTimeout: false,
    keyPrefix,
    points: limit.max,
    duration: Math.ceil(limit.windowMs / 1000),
  });
}

async function take(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    // Over the limit the library rejects with its result; anything else is a store failure,
    // which fails the request rather than letting it through unlimited.
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}
