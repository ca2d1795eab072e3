import type { DatabaseOptions } from '../../lib/db/database';
import { Payment } from './entities/payment.entity';
import { Refund } from './entities/refund.entity';
import { CreatePayments1763700000001 } from './migrations/1763700000001-create-payments';
import { AddCheckoutTokenHash1763700000002 } from './migrations/1763700000002-add-checkout-token-hash';
import { LineRefunds1764600000001 } from './migrations/1764600000001-line-refunds';

/**
 * The tables of the payments subgraph: its entities and, in order, the migrations that create
 * them; the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const paymentsDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [Payment, Refund],
  migrations: [
    CreatePayments1763700000001,
    AddCheckoutTokenHash1763700000002,
    LineRefunds1764600000001,
  ],
};
