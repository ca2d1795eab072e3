import autocannon from 'autocannon';
import { postGraphQL } from '../lib/graphql/http-client';
import { round, watchProcesses, type ProcessUsage } from './proc-stats';

/** One HTTP scenario's figures. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers. */
  failures: number;
  /** Each process's CPU and RSS during the load, and its CPU milliseconds per request. */
  processes: Record<string, ProcessUsage & { cpuMsPerRequest: number }>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  token?: string;
  /** More request headers (the subgraph secret, to load a subgraph directly). */
  headers?: Record<string, string>;
  /** Processes to watch, by name. */
  pids: Record<string, number[]>;
}

/**
 * Loads `url` with one GraphQL operation from autocannon's worker thread (so the load generator's
 * own CPU stays out of the measured processes). The operation is tried once first: a GraphQL
 * error answers 200 and would otherwise be counted as throughput.
 */
export async function loadGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const probe = await postGraphQL(url, query, variables, headers);
  if (probe.errors) throw new Error(`${query} answered errors: ${JSON.stringify(probe.errors)}`);
  const stop = watchProcesses(options.pids);
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
  });
  const usage = stop();
  const requests = result.requests.total;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    failures: result.errors + result.timeouts + result.non2xx,
    processes: Object.fromEntries(
      Object.entries(usage).map(([name, use]) => [
        name,
        { ...use, cpuMsPerRequest: requests ? round(use.cpuMs / requests, 2) : 0 },
      ]),
    ),
  };
}

/** Runs of one scenario as one: requests summed, rates and latencies weighted by requests. */
export function combine(runs: LoadResult[]): LoadResult {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const weighted = (pick: (run: LoadResult) => number) =>
    requests ? runs.reduce((sum, run) => sum + pick(run) * run.requests, 0) / requests : 0;
  const names = Object.keys(runs[0]?.processes ?? {});
  return {
    requestsPerSecond: Math.round(
      runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length,
    ),
    p50Ms: Math.round(weighted((run) => run.p50Ms)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    requests,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    processes: Object.fromEntries(
      names.map((name) => {
        const cpuMs = runs.reduce((sum, run) => sum + run.processes[name].cpuMs, 0);
        return [
          name,
          {
            cpuMs,
            cpuPercent: Math.round(weighted((run) => run.processes[name].cpuPercent)),
            rssMb: Math.max(...runs.map((run) => run.processes[name].rssMb)),
            cpuMsPerRequest: requests ? round(cpuMs / requests, 2) : 0,
          },
        ];
      }),
    ),
  };
}
