import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * TypeORM's Postgres query runner over a client it does not own, already in a transaction (see
 * `runEventTransaction`): its statements, and those of the EntityManager made for it, go to that
 * client; `release` only ends its use, the client goes back to the pool with the transaction.
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
}
