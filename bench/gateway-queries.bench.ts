/**
 * `npm run bench`: throughput and latency of common operations through the gateway, against the
 * real system started by the launcher (DATABASE_URL and NATS_URL as for the tests).
 * Prints one line per scenario; compare runs on the same machine.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { signUp } from '../test/support/accounts';
import { startTestSystem } from '../test/support/test-system';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = 16;

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.floor((latencies.length - 1) * p)].toFixed(1);
  console.log(
    `${name.padEnd(28)} ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5)} ms   p95 ${pct(0.95)} ms`,
  );
}

async function main(): Promise<void> {
  const t = await startTestSystem();
  try {
    const session = await signUp(t);
    await measure('me (authenticated)', async () => {
      const result = await t.query(
        '{ me { id displayName email } }',
        {},
        { token: session.accessToken },
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    });
    await measure('refused by depth/alias rules', () =>
      t.query(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
    );
  } finally {
    await t.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
