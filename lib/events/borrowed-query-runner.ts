import type { PoolClient, QueryResult as PgResult } from 'pg';
import {
  QueryFailedError,
  QueryResult,
  QueryRunnerAlreadyReleasedError,
  type DataSource,
} from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Distinct statement texts that get a name, so that each connection parses and plans them once
 * (a named statement) instead of at every execution. Names are never reused for another text, so
 * a connection's parsed statement always matches its name; texts beyond the cap (TypeORM's IN
 * lists of every length, say) run unnamed, which bounds what each connection keeps.
 */
const MAX_NAMED_STATEMENTS = 300;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `bazaar_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * TypeORM's Postgres query runner over a client it does not own, already in a transaction (see
 * `runEventTransaction`): its statements, and those of the EntityManager made for it, go to that
 * client; `release` only ends its use, the client goes back to the pool with the transaction.
 * Statements with parameters run as named statements (see {@link MAX_NAMED_STATEMENTS}); results
 * and errors are shaped as TypeORM's own (`[rows, affected]` for UPDATE and DELETE, a
 * `QueryFailedError` around the driver's error).
 */
export class BorrowedQueryRunner extends PostgresQueryRunner {
  constructor(dataSource: DataSource, client: PoolClient) {
    super(dataSource.driver as PostgresDriver, 'master');
    this.databaseConnection = client;
    this.isTransactionActive = true;
    this.transactionDepth = 1;
    Object.assign(this, { manager: dataSource.createEntityManager(this) });
  }

  override async release(): Promise<void> {
    this.isReleased = true;
  }

  /**
   * No savepoints: an event enqueued in a nested transaction that rolled back would still be
   * written with the outer COMMIT.
   */
  override async startTransaction(): Promise<void> {
    throw new Error('nested transactions are not supported inside an event transaction');
  }

  override async query(
    query: string,
    parameters?: unknown[],
    useStructuredResult = false,
  ): ReturnType<PostgresQueryRunner['query']> {
    if (this.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const logger = this.driver.dataSource.logger;
    logger.logQuery(query, parameters, this);
    const name = parameters?.length ? statementName(query) : undefined;
    let raw: PgResult;
    try {
      raw = await (this.databaseConnection as PoolClient).query({
        name,
        text: query,
        values: parameters,
      });
    } catch (error) {
      logger.logQueryError(error as Error, query, parameters, this);
      throw new QueryFailedError(query, parameters, error as Error);
    }
    const result = new QueryResult();
    result.records = raw.rows;
    result.affected = raw.rowCount ?? undefined;
    result.raw =
      raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
    return useStructuredResult ? result : result.raw;
  }
}
