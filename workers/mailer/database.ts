import type { DatabaseOptions } from '../../lib/db/database';
import { EmailDelivery } from './email-delivery.entity';
import { CreateSentEmails1763700000002 } from './migrations/1763700000002-create-sent-emails';
import { CreateRecipients1763700000003 } from './migrations/1763700000003-create-recipients';
import { EmailDeliveries1764500000000 } from './migrations/1764500000000-email-deliveries';
import { EmailDeliveryKinds1764900000000 } from './migrations/1764900000000-email-delivery-kinds';
import { OrderCustomer, Recipient } from './recipient.entity';

/**
 * The tables of the mailer: its entities and, in order, the migrations that create
 * them; the service runtime adds the outbox and inbox (`withEventTables`). What main.ts opens,
 * `npm run migrate` migrates and the drift test compares.
 */
export const mailerDatabase: Pick<DatabaseOptions, 'entities' | 'migrations'> = {
  entities: [EmailDelivery, Recipient, OrderCustomer],
  migrations: [
    CreateSentEmails1763700000002,
    CreateRecipients1763700000003,
    EmailDeliveries1764500000000,
    EmailDeliveryKinds1764900000000,
  ],
};
