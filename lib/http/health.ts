import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../events/event-bus';

/** One dependency that must answer for the process to be ready. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** `/healthz` says the process is alive; `/readyz` says its dependencies answer (503 otherwise). */
export function addHealthRoutes(app: Express, checks: ReadinessCheck[]): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message || 'failed'] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
}

export const databaseCheck = (dataSource: DataSource): ReadinessCheck => ({
  name: 'postgres',
  check: async () => {
    await dataSource.query('SELECT 1');
  },
});

export const natsCheck = (bus: EventBus): ReadinessCheck => ({
  name: 'nats',
  check: async () => {
    if (bus.nc.isClosed()) throw new Error('connection closed');
    await bus.nc.flush();
  },
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
