import { collectDefaultMetrics, Registry } from 'prom-client';
import { collectProcessMetrics } from './process-metrics';

const names = (registry: Registry) =>
  registry
    .getMetricsAsArray()
    .map((metric) => metric.name)
    .sort();

describe('collectProcessMetrics', () => {
  it("registers exactly prom-client's default metrics", () => {
    const defaults = new Registry();
    // The reference list: this starts prom-client's monitors that cannot be stopped (the very
    // leak collectProcessMetrics avoids), once, in this unit test file only.
    collectDefaultMetrics({ register: defaults });
    const ours = new Registry();
    const stop = collectProcessMetrics(ours);
    stop();
    expect(names(ours)).toEqual(names(defaults));
  });

  it('reports the event-loop lag and its percentiles at a scrape', async () => {
    const registry = new Registry();
    const stop = collectProcessMetrics(registry);
    try {
      const text = await registry.metrics();
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
      expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    } finally {
      stop();
    }
  });
});
