import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Gauge, Histogram, type Registry } from 'prom-client';
import heapSizeAndUsed from 'prom-client/lib/metrics/heapSizeAndUsed';
import heapSpacesSizeAndUsed from 'prom-client/lib/metrics/heapSpacesSizeAndUsed';
import osMemoryHeap from 'prom-client/lib/metrics/osMemoryHeap';
import processCpuTotal from 'prom-client/lib/metrics/processCpuTotal';
import processHandles from 'prom-client/lib/metrics/processHandles';
import processMaxFileDescriptors from 'prom-client/lib/metrics/processMaxFileDescriptors';
import processOpenFileDescriptors from 'prom-client/lib/metrics/processOpenFileDescriptors';
import processRequests from 'prom-client/lib/metrics/processRequests';
import processResources from 'prom-client/lib/metrics/processResources';
import processStartTime from 'prom-client/lib/metrics/processStartTime';
import version from 'prom-client/lib/metrics/version';

/**
 * Collectors that only read the process when scraped: prom-client's own, from its files (not its
 * public API, which has no way to leave a collector out). package.json pins prom-client exactly
 * for that reason: check these paths when moving it.
 */
const SCRAPED = [
  processCpuTotal,
  processStartTime,
  osMemoryHeap,
  processOpenFileDescriptors,
  processMaxFileDescriptors,
  processResources,
  processHandles,
  processRequests,
  heapSizeAndUsed,
  heapSpacesSizeAndUsed,
  version,
];

/**
 * prom-client's default metrics (`collectDefaultMetrics`: CPU, memory, handles, heap, event-loop
 * lag, GC), same names, into `registry`. Returns `stop`, which ends the two that keep sampling in
 * the background: prom-client's event-loop delay monitor and GC observer cannot be stopped, and
 * each one left running holds everything reachable from where it was made (in the tests, a whole
 * test file's modules: ~50 MB per file in one jest process).
 */
export function collectProcessMetrics(registry: Registry): () => void {
  for (const collect of SCRAPED) collect(registry);
  const stopLag = eventLoopLag(registry);
  const stopGc = gcDurations(registry);
  return () => {
    stopLag();
    stopGc();
  };
}

/** `nodejs_eventloop_lag_seconds` and the min, max, mean, stddev, p50, p90, p99 since the last scrape. */
function eventLoopLag(registry: Registry): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const seconds = (nanoseconds: number) => nanoseconds / 1e9;
  const gauge = (name: string, help: string) =>
    new Gauge({ name: `nodejs_eventloop_lag_${name}`, help, registers: [registry] });
  const lag = new Gauge({
    name: 'nodejs_eventloop_lag_seconds',
    help: 'Lag of event loop in seconds.',
    registers: [registry],
    // Registered first, so the others are set before they are read.
    async collect() {
      min.set(seconds(delay.min));
      max.set(seconds(delay.max));
      mean.set(seconds(delay.mean));
      stddev.set(seconds(delay.stddev));
      p50.set(seconds(delay.percentile(50)));
      p90.set(seconds(delay.percentile(90)));
      p99.set(seconds(delay.percentile(99)));
      delay.reset();
      const start = process.hrtime.bigint();
      await new Promise(setImmediate);
      lag.set(seconds(Number(process.hrtime.bigint() - start)));
    },
  });
  const min = gauge('min_seconds', 'The minimum recorded event loop delay.');
  const max = gauge('max_seconds', 'The maximum recorded event loop delay.');
  const mean = gauge('mean_seconds', 'The mean of the recorded event loop delays.');
  const stddev = gauge(
    'stddev_seconds',
    'The standard deviation of the recorded event loop delays.',
  );
  const p50 = gauge('p50_seconds', 'The 50th percentile of the recorded event loop delays.');
  const p90 = gauge('p90_seconds', 'The 90th percentile of the recorded event loop delays.');
  const p99 = gauge('p99_seconds', 'The 99th percentile of the recorded event loop delays.');
  return () => delay.disable();
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** `nodejs_gc_duration_seconds` by kind (major, minor, incremental, weakcb). */
function gcDurations(registry: Registry): () => void {
  const durations = new Histogram({
    name: 'nodejs_gc_duration_seconds',
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind'],
    buckets: [0.001, 0.01, 0.1, 1, 2, 5],
    registers: [registry],
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind } = (entry as unknown as { detail: { kind: number } }).detail;
      durations.observe({ kind: GC_KINDS[kind] }, entry.duration / 1000);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
