import type { DataSource } from 'typeorm';
import type { Publisher } from '../../../lib/events/outbox';
import type { Logger } from '../../../lib/logger';
import type { PaymentsConfig } from '../config';
import type { PaymentProvider } from '../providers/payment-provider';

/** What the payments services share: built once at start-up. */
export interface PaymentsDeps {
  dataSource: DataSource;
  /** Stripe, or the dev provider without a Stripe key. */
  provider: PaymentProvider;
  publisher: Publisher;
  config: Pick<PaymentsConfig, 'publicUrl'>;
  logger: Logger;
}
