import { z } from 'zod';
import { EVENT_VERSION, eventSchemas, type EventEnvelope, type EventType } from './catalogue';

/** An event as read off the wire: valid, or why not (the dead letter's reason). */
export type ParsedEvent<T extends EventType> =
  { ok: true; event: EventEnvelope<T> } | { ok: false; reason: string };

const header = z.object({
  id: z.guid(),
  type: z.string(),
  // Envelopes written before versioning carry none and have the v1 shape.
  version: z.number().int().positive().default(1),
  occurredAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp'),
  requestId: z.string().optional(),
  data: z.unknown(),
});

/**
 * Reads one published event and checks it against the catalogue: readable JSON, the envelope,
 * the type the consumer subscribed to, a version it knows and the payload's schema. The handler
 * gets the parsed payload (fields the schema does not know are dropped, so a producer may add an
 * optional field before its consumers know it).
 */
export function parseEvent<T extends EventType>(bytes: Uint8Array, expected: T): ParsedEvent<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return { ok: false, reason: `unreadable: ${(error as Error).message}` };
  }
  const envelope = header.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `bad envelope: ${issues(envelope.error)}` };
  const { type, version, data } = envelope.data;
  if (type !== expected)
    return { ok: false, reason: `type ${type} where ${expected} was expected` };
  if (version !== EVENT_VERSION) {
    return { ok: false, reason: `unknown version ${version} of ${type} (knows ${EVENT_VERSION})` };
  }
  const payload = eventSchemas[expected].safeParse(data);
  if (!payload.success)
    return { ok: false, reason: `bad ${type} payload: ${issues(payload.error)}` };
  return {
    ok: true,
    event: { ...envelope.data, type: expected, data: payload.data } as EventEnvelope<T>,
  };
}

/**
 * Throws when `data` does not match the catalogue's schema for `type` (the outbox, before a
 * producer's transaction commits an event no consumer would accept).
 */
export function assertEventData(type: EventType, data: unknown): void {
  const result = eventSchemas[type].safeParse(data);
  if (!result.success) throw new Error(`Invalid ${type} event: ${issues(result.error)}`);
}

/**
 * The aggregate an event is about: the order for `order.*`, `payment.*` and reservation events,
 * the product for `product.*` and `stock.low`, the user for `user.*`. Events of one aggregate are
 * published and handled in order; events of different aggregates may overtake each other.
 */
export function aggregateKey(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as Record<string, unknown>;
  for (const field of ['orderId', 'productId', 'userId']) {
    if (typeof fields[field] === 'string') return fields[field];
  }
  return null;
}

/** `lines.0.quantity: Too small: expected number to be >=0; …`, short enough for a header. */
function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
