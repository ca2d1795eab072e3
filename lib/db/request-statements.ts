import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements each database runs on behalf of GraphQL requests, so tests and
 * benchmarks can show a query's statement count does not grow with its page size (no N+1).
 * Background work (outbox relays, consumers, sweepers) runs outside any request and is not
 * counted, which keeps the numbers exact while the system is idle otherwise.
 *
 * Counting starts with the first {@link resetRequestStatementCounts} in the process: an
 * AsyncLocalStorage in use puts a hook on every promise (about a sixth of a subgraph's CPU on a
 * product page), which production, never asking for counts, should not pay.
 */
const requestScope = new AsyncLocalStorage<true>();
const counts = new Map<string, number>();
let counting = false;

/** Runs `work` (a request's handling) so that its statements are counted, once counting is on. */
export function countingStatements<T>(work: () => T): T {
  return counting ? requestScope.run(true, work) : work();
}

/** Statements per database since the last reset. */
export function requestStatementCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}

/** Starts counting (requests from now on) or, once started, sets every count back to zero. */
export function resetRequestStatementCounts(): void {
  counting = true;
  counts.clear();
}

/** A TypeORM logger that only counts; one per database. */
export class RequestStatementCounter implements TypeOrmLogger {
  constructor(private readonly database: string) {}

  logQuery(): void {
    if (counting && requestScope.getStore()) {
      counts.set(this.database, (counts.get(this.database) ?? 0) + 1);
    }
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
