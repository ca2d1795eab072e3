/**
 * The event catalogue: the only contract between Bazaar's processes. Each event type maps to its
 * payload; subjects are `<EVENT_PREFIX>.<type>`. Add new events here first.
 */
import type { Role } from '../auth/caller';

export interface EventCatalogue {
  /** A new account; carries the email-verification token for the welcome mail. */
  'user.registered': {
    userId: string;
    email: string;
    displayName: string;
    role: Role;
    verificationToken: string;
  };
  /** The user asked for a new verification link. */
  'user.verification_requested': {
    userId: string;
    email: string;
    displayName: string;
    verificationToken: string;
  };
  'user.email_verified': { userId: string; email: string };
  /** A reset link was requested for an existing account. */
  'user.password_reset_requested': {
    userId: string;
    email: string;
    displayName: string;
    resetToken: string;
  };
  /** The password was changed or reset; every session was ended. */
  'user.password_changed': { userId: string; email: string };
  'user.profile_updated': { userId: string; displayName: string; phone: string | null };
}

export type EventType = keyof EventCatalogue;

/** What travels on NATS. `id` doubles as the JetStream `Nats-Msg-Id`, so a re-publish is dropped. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  /** The gateway request that caused the event, for following one action across logs. */
  requestId?: string;
  data: EventCatalogue[T];
}

/** JetStream streams by domain: stream suffix -> the first segment of the event types it holds. */
export const STREAMS = {
  USERS: 'user',
  CATALOG: 'product',
  INVENTORY: 'stock',
  ORDERS: 'order',
  PAYMENTS: 'payment',
} as const;

export type StreamName = keyof typeof STREAMS;

/** The stream that holds events of `type`. */
export function streamOf(type: EventType): StreamName {
  const domain = type.split('.')[0];
  const entry = Object.entries(STREAMS).find(([, prefix]) => prefix === domain);
  if (!entry) throw new Error(`No stream holds events of type ${type}`);
  return entry[0] as StreamName;
}
