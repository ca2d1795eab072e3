import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EVENT_VERSION,
  type EventCatalogue,
  type EventEnvelope,
  type EventType,
} from './catalogue';
import { assertEventData } from './envelope';
import { deferOutboxRow, runEventTransaction } from './event-transaction';
import { currentTraceCarrier } from '../telemetry/event-tracing';

/**
 * Records an event in the outbox inside the caller's transaction. It is published by the relay
 * after commit, so the event exists if and only if the change does. When the caller is traced,
 * the W3C trace context is stored beside the event (`traceContext` in the row's envelope, never
 * published as part of the event) so that the relay and the consumers continue the same trace.
 *
 * The payload is checked against the catalogue's schema here, in every environment: an event no
 * consumer would accept fails the producer's transaction (a bug found where it was made) instead
 * of reaching every consumer's dead letters. It costs microseconds per event, against the
 * milliseconds of the transaction around it.
 *
 * Inside a {@link runEventTransaction} (consumers, {@link transactionWithEvents}) the row is written
 * with the COMMIT, in the same round trip; inside any other transaction, at once.
 */
export async function enqueueEvent<T extends EventType>(
  manager: EntityManager,
  type: T,
  data: EventCatalogue[T],
  requestId?: string,
): Promise<EventEnvelope<T>> {
  assertEventData(type, data);
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type,
    version: EVENT_VERSION,
    occurredAt: new Date().toISOString(),
    ...(requestId ? { requestId } : {}),
    data,
  };
  const traceContext = currentTraceCarrier();
  const row = {
    id: envelope.id,
    type,
    envelope: JSON.stringify(traceContext ? { ...envelope, traceContext } : envelope),
  };
  if (deferOutboxRow(manager, row)) return envelope;
  // Plain SQL, not `manager.insert`: every event of every service passes here, and TypeORM's
  // query building (and the RETURNING of created_at it adds) cost more than the statement.
  await manager.query('INSERT INTO outbox (id, type, envelope) VALUES ($1, $2, $3)', [
    row.id,
    row.type,
    row.envelope,
  ]);
  return envelope;
}

/** Anything that can be woken to publish right away (the outbox relay). */
export interface Publisher {
  kick(): void;
}

/**
 * Runs `work` in one transaction (a {@link runEventTransaction}: its events are written with the
 * COMMIT) and wakes the relay once it has committed, so the events it enqueued are published at
 * once rather than at the next poll.
 */
export async function transactionWithEvents<T>(
  dataSource: DataSource,
  publisher: Publisher,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const result = await runEventTransaction(dataSource, (manager) => work(manager));
  publisher.kick();
  return result;
}

/** What the relay has not published yet. */
export interface OutboxBacklog {
  /** Unpublished rows. */
  rows: number;
  /** Age in seconds of the oldest unpublished row; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Reads the backlog from the partial index of unpublished rows (cheap at any table size). */
export async function outboxBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const [row]: { rows: number; age: number }[] = await dataSource.query(
    `SELECT count(*)::int AS rows,
            COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
       FROM outbox WHERE published_at IS NULL`,
  );
  return { rows: row.rows, oldestAgeSeconds: Math.max(0, row.age) };
}
