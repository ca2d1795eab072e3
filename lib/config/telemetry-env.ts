import { z } from 'zod';
import { flag } from './common-env';
import { parseEnv, type Env } from './parse-env';

/**
 * The standard OpenTelemetry variables Bazaar looks at itself; the SDK reads the rest
 * (`OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_TRACES_SAMPLER`, `OTEL_BSP_*`, headers...) on its own.
 */
export const tracingEnv = z.object({
  /** OTLP base URL, e.g. `http://jaeger:4318`. Tracing is off unless this or the next is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** OTLP URL for traces only (the full path, e.g. `http://collector:4318/v1/traces`). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** `true` turns tracing off even with an endpoint set. Default false. */
  OTEL_SDK_DISABLED: flag(),
  /** Service name on every span. Default the entry point's folder (`orders`, `gateway`...). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

export interface TracingSettings {
  enabled: boolean;
  serviceName: string;
}

/** Whether this process exports traces, and as which service. */
export function tracingSettingsFromEnv(env: Env, defaultServiceName: string): TracingSettings {
  const parsed = parseEnv(tracingEnv, env);
  const endpoint = parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? parsed.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    enabled: Boolean(endpoint) && !parsed.OTEL_SDK_DISABLED,
    serviceName: parsed.OTEL_SERVICE_NAME ?? defaultServiceName,
  };
}

/** Health settings every service with an outbox shares. */
export const outboxHealthEnv = z.object({
  /**
   * `/readyz` answers 503 while an unpublished outbox row is older than this many seconds (the
   * relay is stuck or NATS refuses it). Default 60.
   */
  OUTBOX_MAX_AGE_SECONDS: z.coerce.number().positive().default(60),
});

/** Where the gateway serves `/metrics`. */
export const gatewayMetricsEnv = z.object({
  /**
   * Port of a separate listener for `/metrics` (bound to HOST), so the public port never serves
   * it. Unset: `/metrics` is on the main port in development and test, and not served at all in
   * production.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});
