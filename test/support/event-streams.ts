import { randomUUID } from 'node:crypto';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { EventCatalogue, EventEnvelope, EventType } from '../../lib/events/catalogue';
import type { EventBus } from '../../lib/events/event-bus';
import { createLogger, type Logger } from '../../lib/logger';

/** A quiet logger for tests that wire library pieces by hand (TEST_LOG_LEVEL to see it). */
export function testLogger(): Logger {
  return createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
}

/** An envelope shaped exactly as the outbox writes it, with a fresh id. */
export function newEnvelope<T extends EventType>(
  type: T,
  data: EventCatalogue[T],
): EventEnvelope<T> {
  return { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), data };
}

/**
 * Publishes `envelope` straight to JetStream, as the outbox relay would. `msgID` defaults to the
 * event id; pass another one to store a second copy of the same event (a redelivery that
 * JetStream's duplicate window does not drop). Resolves with the stream sequence.
 */
export async function publishEnvelope(
  bus: EventBus,
  envelope: EventEnvelope,
  msgID: string = envelope.id,
): Promise<number> {
  const ack = await bus.js.publish(bus.subjects.event(envelope.type), JSON.stringify(envelope), {
    msgID,
  });
  return ack.seq;
}

/** Every message `stream` holds now, oldest first. */
export async function streamMessages(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  if (state.messages === 0) return messages;
  for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) messages.push(message);
  }
  return messages;
}

/** The messages in `stream` published with `Nats-Msg-Id` = `eventId`. */
export async function messagesWithId(
  jsm: JetStreamManager,
  stream: string,
  eventId: string,
): Promise<StoredMsg[]> {
  const messages = await streamMessages(jsm, stream);
  return messages.filter((message) => message.header?.get('Nats-Msg-Id') === eventId);
}
