import type { ReadinessCheck } from '../lib/http/health';

/** The gateway is ready when every subgraph reports ready. */
export function subgraphReadiness(subgraphUrls: Record<string, string>): ReadinessCheck[] {
  return Object.entries(subgraphUrls).map(([name, url]) => ({
    name,
    check: async () => {
      const response = await fetch(new URL('/readyz', url));
      if (!response.ok) throw new Error(`answered ${response.status}`);
    },
  }));
}
