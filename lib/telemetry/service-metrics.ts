import type { RequestHandler } from 'express';
import { Registry } from 'prom-client';
import { collectProcessMetrics } from './process-metrics';

/**
 * A Prometheus registry for one service, with the process metrics (CPU, memory, event loop lag,
 * GC) and a `service` label on every series. One registry per service rather than prom-client's
 * global one, because the one-process launcher (and the tests) run every service in one process.
 * `stop` (when the service stops) ends the process metrics' background sampling.
 */
export function createServiceMetrics(service: string): Registry & { stop(): void } {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return Object.assign(registry, { stop: collectProcessMetrics(registry) });
}

/** `GET /metrics` in Prometheus' text format. */
export function metricsHandler(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry.metrics().then((text) => {
      res.set('Content-Type', registry.contentType).send(text);
    }, next);
  };
}
