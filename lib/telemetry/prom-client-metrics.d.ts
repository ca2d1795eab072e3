/**
 * prom-client's default collectors, one module each (`collectDefaultMetrics` runs them all, with
 * no way to leave one out): each registers its metrics in `registry`.
 */
declare module 'prom-client/lib/metrics/*' {
  import type { Registry } from 'prom-client';

  const collect: (registry: Registry) => void;
  export = collect;
}
