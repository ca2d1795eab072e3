import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A Prometheus registry for one service, with the process metrics (CPU, memory, event loop lag,
 * GC) and a `service` label on every series. One registry per service rather than prom-client's
 * global one, because the one-process launcher (and the tests) run every service in one process.
 */
export function createServiceMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `GET /metrics` in Prometheus' text format. */
export function metricsHandler(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry.metrics().then((text) => {
      res.set('Content-Type', registry.contentType).send(text);
    }, next);
  };
}
