import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** W3C trace context (`traceparent`, `tracestate`) as stored with an outbox row. */
export type TraceCarrier = Record<string, string>;

const tracer = trace.getTracer('bazaar-events');

const headerSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};
const headerGetter: TextMapGetter<MsgHdrs | undefined> = {
  get: (carrier, key) => carrier?.get(key) || undefined,
  keys: (carrier) => (carrier ? carrier.keys() : []),
};

/** The active trace context to store with an event, or undefined when nothing is traced. */
export function currentTraceCarrier(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/**
 * Runs `publish` inside a producer span that continues the trace stored with the event, and
 * hands it NATS headers carrying that span's context, so the consumer's span is its child. With
 * nothing stored (an event written untraced) there is no span and no header.
 */
export async function inPublishSpan<T>(
  subject: string,
  stored: TraceCarrier | undefined,
  publish: (headers: MsgHdrs | undefined) => Promise<T>,
): Promise<T> {
  if (!stored?.traceparent) return publish(undefined);
  const parent = propagation.extract(ROOT_CONTEXT, stored);
  return tracer.startActiveSpan(
    `${subject} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'send',
        'messaging.destination.name': subject,
      },
    },
    parent,
    async (span) => {
      try {
        const headers = natsHeaders();
        propagation.inject(trace.setSpan(parent, span), headers, headerSetter);
        return await publish(headers);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs a consumer's handling of one message inside a consumer span, the child of the producer's
 * publish span when the message carries a trace context (a new trace otherwise), so the handler's
 * SQL and the events it enqueues join the producing request's trace.
 */
export function inConsumeSpan<T>(
  subject: string,
  durable: string,
  headers: MsgHdrs | undefined,
  handle: () => Promise<T>,
): Promise<T> {
  const parent: Context = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  return tracer.startActiveSpan(
    `${subject} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': subject,
        'messaging.consumer.group.name': durable,
      },
    },
    parent,
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs `work` in a span that continues a trace handed out earlier and brought back by a third
 * party (Stripe returns the checkout session's metadata with its webhook), linked to the request
 * that brought it. So a checkout reads as one tree: placeOrder → reserve → session → webhook →
 * PAID. Without a valid `traceparent`, `work` runs in the current context.
 */
export function inResumedTrace<T>(
  name: string,
  traceparent: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const resumed = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  if (!trace.getSpanContext(resumed)) return work();
  const current = trace.getSpanContext(context.active());
  return tracer.startActiveSpan(
    name,
    { kind: SpanKind.INTERNAL, links: current ? [{ context: current }] : [] },
    resumed,
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
