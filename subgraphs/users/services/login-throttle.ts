import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../../../lib/errors';
import { LoginFailure } from '../entities/login-failure.entity';

export interface LoginThrottleLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMs: number;
}

/**
 * Sliding-window limit on failed logins, per account and per client address. Counts live in
 * Postgres, so all replicas share them. The account key is the login as typed (normalised), so
 * probing unknown accounts is limited too.
 */
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: LoginThrottleLimits,
  ) {}

  /** Throws `RATE_LIMITED` with the seconds until the next attempt is allowed. */
  async assertAllowed(login: string, ip: string | null): Promise<void> {
    const waits = await Promise.all(
      this.keys(login, ip).map(([key, max]) => this.secondsUntilAllowed(key, max)),
    );
    const wait = Math.max(0, ...waits);
    if (wait > 0) throw new RateLimitedError(wait);
  }

  async recordFailure(login: string, ip: string | null): Promise<void> {
    const keys = this.keys(login, ip).map(([key]) => key);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(
        LoginFailure,
        keys.map((key) => ({ key })),
      );
      await manager.query(
        `DELETE FROM login_failures WHERE key = ANY($1) AND failed_at < now() - $2 * interval '1 millisecond'`,
        [keys, this.limits.windowMs],
      );
    });
  }

  /** A successful login clears the account's failures (not the address's). */
  async recordSuccess(login: string): Promise<void> {
    await this.dataSource.getRepository(LoginFailure).delete({ key: accountKey(login) });
  }

  private keys(login: string, ip: string | null): Array<[string, number]> {
    const keys: Array<[string, number]> = [[accountKey(login), this.limits.maxPerAccount]];
    if (ip) keys.push([`ip:${ip}`, this.limits.maxPerIp]);
    return keys;
  }

  /** With `max` failures in the window, the wait lasts until the oldest of the last `max` ages out. */
  private async secondsUntilAllowed(key: string, max: number): Promise<number> {
    const rows: Array<{ wait_ms: number }> = await this.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM (failed_at + $3 * interval '1 millisecond' - now())) * 1000 AS wait_ms
         FROM login_failures
        WHERE key = $1 AND failed_at > now() - $3 * interval '1 millisecond'
        ORDER BY failed_at DESC
        OFFSET $2 - 1 LIMIT 1`,
      [key, max, this.limits.windowMs],
    );
    return rows.length ? Math.max(1, Math.ceil(Number(rows[0].wait_ms) / 1000)) : 0;
  }
}

function accountKey(login: string): string {
  return `account:${login.trim().toLowerCase()}`;
}
