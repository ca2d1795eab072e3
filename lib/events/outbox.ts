import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventCatalogue, EventEnvelope, EventType } from './catalogue';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Records an event in the outbox inside the caller's transaction. It is published by the relay
 * after commit, so the event exists if and only if the change does.
 */
export async function enqueueEvent<T extends EventType>(
  manager: EntityManager,
  type: T,
  data: EventCatalogue[T],
  requestId?: string,
): Promise<EventEnvelope<T>> {
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    ...(requestId ? { requestId } : {}),
    data,
  };
  await manager.insert(OutboxMessage, {
    id: envelope.id,
    type,
    envelope: envelope as EventEnvelope,
    publishedAt: null,
  });
  return envelope;
}

/** Anything that can be woken to publish right away (the outbox relay). */
export interface Publisher {
  kick(): void;
}

/**
 * Runs `work` in one transaction and wakes the relay once it has committed, so the events it
 * enqueued are published at once rather than at the next poll.
 */
export async function transactionWithEvents<T>(
  dataSource: DataSource,
  publisher: Publisher,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const result = await dataSource.transaction(work);
  publisher.kick();
  return result;
}
