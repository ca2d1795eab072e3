import type { Attributes } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';
import type { Env } from '../config/parse-env';
import { tracingSettingsFromEnv } from '../config/telemetry-env';
import { atMost, msUntilShare, stopStep } from '../process/shutdown';

/** Probes and scrapes would otherwise make a root trace every few seconds. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

let sdk: NodeSDK | null = null;

/**
 * Starts the OpenTelemetry SDK when an OTLP endpoint is configured; otherwise does nothing and
 * the API stays a no-op. Must run before `http`, `express` and `pg` are first required, which is
 * why entry points import `lib/telemetry/register` first. The SDK and the instrumentations are
 * required here, synchronously, and only when tracing is on: loaded by an import they held
 * ~2,000 modules (every OTLP exporter, the cloud resource detectors) in each process that traces
 * nothing, 16-22 MB of resident memory at rest (bench/resting-memory.ts). The exporter, its protocol
 * (`OTEL_EXPORTER_OTLP_PROTOCOL`, default http/protobuf), the sampler and the batching come from
 * the standard `OTEL_*` variables. Returns whether tracing is on.
 */
export function startTracing(env: Env, defaultServiceName: string): boolean {
  const settings = tracingSettingsFromEnv(env, defaultServiceName);
  if (!settings.enabled || sdk) return sdk !== null;
  const { NodeSDK } =
    require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  sdk = new NodeSDK({
    serviceName: settings.serviceName,
    // Traces only: metrics are Prometheus' (prom-client), logs are pino's on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        // Query strings carry one-time tokens (/verify-email, /reset-password, the dev checkout):
        // a trace keeps the path only.
        startIncomingSpanHook: (request: IncomingMessage) => withoutQuery(request),
      }),
      new ExpressInstrumentation(),
      // Only statements inside a traced request or event: the relay's idle polls are not traces.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return true;
}

/**
 * Exports the spans still buffered; call before the process exits. A named step of the shutdown,
 * bounded by its share of the budget: an exporter that does not answer (a collector gone) loses
 * the last spans instead of holding the process until the deadline.
 */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  if (!running) return;
  const graceMs = msUntilShare('tracing');
  await stopStep('tracing: export of the last spans', async () => {
    const outcome = await atMost(graceMs, () =>
      running.shutdown().then(
        () => 'exported',
        (error: unknown) => `not exported: ${(error as Error).message}`,
      ),
    );
    if (outcome !== 'exported') {
      process.stderr.write(
        `tracing: the last spans were ${outcome ?? `not exported within ${graceMs} ms`}\n`,
      );
    }
  });
}

/**
 * Span attributes that replace the request's URL attributes (old and stable HTTP conventions)
 * with their query-less form, so no token in a query string reaches a trace.
 */
export function withoutQuery(request: Pick<IncomingMessage, 'url' | 'headers'>): Attributes {
  const path = (request.url ?? '/').split('?')[0];
  const host = request.headers.host ?? 'localhost';
  return {
    'http.target': path,
    'http.url': `http://${host}${path}`,
    'url.path': path,
    'url.query': '',
  };
}
