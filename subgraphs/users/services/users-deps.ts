import type { DataSource } from 'typeorm';
import type { AccessTokenSigner } from '../../../lib/auth/access-token';
import type { Publisher } from '../../../lib/events/outbox';
import type { UsersConfig } from '../config';
import type { AbuseLimits } from './abuse-limits';

/** What the users services share: built once at start-up. */
export interface UsersDeps {
  dataSource: DataSource;
  config: UsersConfig;
  signAccessToken: AccessTokenSigner;
  publisher: Publisher;
  limits: AbuseLimits;
}
