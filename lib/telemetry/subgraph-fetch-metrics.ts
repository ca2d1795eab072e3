import { Histogram, type Registry } from 'prom-client';

/**
 * `bazaar_gateway_subgraph_fetch_duration_seconds{subgraph, outcome}`: each fetch of the gateway's
 * query plans, by subgraph, with outcome `ok`, `error` (the subgraph answered with errors) or
 * `failed` (no answer: network, timeout, 5xx).
 */
export function subgraphFetchHistogram(registry: Registry): Histogram<'subgraph' | 'outcome'> {
  return new Histogram({
    name: 'bazaar_gateway_subgraph_fetch_duration_seconds',
    help: 'Latency of the gateway fetches to each subgraph, by outcome (ok, error, failed)',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
}
