/**
 * Imported first by every entry point (`import '../lib/telemetry/register'`), so that the
 * OpenTelemetry instrumentations are in place before `http`, `express` and `pg` load. Off unless
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `..._TRACES_ENDPOINT`) is set. The service name defaults to the
 * entry point's folder: `subgraphs/orders/main.ts` is `orders`, the one-process launcher `bazaar`.
 */
import { basename, dirname } from 'node:path';
import { ConfigError } from '../config/parse-env';
import { startTracing } from './tracing';

function entryServiceName(entry: string | undefined): string {
  const folder = entry ? basename(dirname(entry)) : 'bazaar';
  return folder === 'launcher' ? 'bazaar' : folder;
}

try {
  startTracing(process.env, entryServiceName(process.argv[1]));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${entryServiceName(process.argv[1])} failed to start: ${error.message}\n`);
  process.exit(1);
}
