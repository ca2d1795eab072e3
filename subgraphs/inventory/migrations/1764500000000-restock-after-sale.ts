import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock sold to an order can come back (ledger kind RESTOCK, per line in `restocked`), and a
 * reservation past its expiry keeps its units (LAPSED) until orders decides whether the order
 * was paid in time or expired: orders owns "sold" (see `conservation.ts` in orders).
 */
export class RestockAfterSale1764500000000 implements MigrationInterface {
  name = 'RestockAfterSale1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE stock_movements
        DROP CONSTRAINT stock_movements_kind_check,
        ADD CONSTRAINT stock_movements_kind_check
          CHECK (kind IN ('RECEIPT', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT', 'RESERVATION',
                          'RELEASE', 'SALE', 'RESTOCK'))`);
    await runner.query(`
      ALTER TABLE reservations
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check
          CHECK (status IN ('RESERVED', 'LAPSED', 'REJECTED', 'RELEASED', 'EXPIRED', 'SOLD',
                            'RESTOCKED'))`);
    await runner.query(`
      ALTER TABLE reservation_lines
        ADD COLUMN restocked integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT reservation_lines_restocked_check
          CHECK (restocked BETWEEN 0 AND quantity)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE reservation_lines DROP COLUMN restocked');
    await runner.query(`
      ALTER TABLE reservations
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check
          CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'EXPIRED', 'SOLD'))`);
    await runner.query(`
      ALTER TABLE stock_movements
        DROP CONSTRAINT stock_movements_kind_check,
        ADD CONSTRAINT stock_movements_kind_check
          CHECK (kind IN ('RECEIPT', 'ADJUSTMENT', 'TRANSFER_IN', 'TRANSFER_OUT', 'RESERVATION',
                          'RELEASE', 'SALE'))`);
  }
}
