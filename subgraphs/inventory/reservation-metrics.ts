import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * `bazaar_inventory_reservations{status}`: reservations by status (RESERVED and LAPSED hold stock;
 * LAPSED ones are past expiry, waiting for orders to expire or sell them), and
 * `bazaar_inventory_reservations_overdue`: live ones past their expiry, which the sweeper should
 * have released (it is stuck when this stays above 0). Read from the database at each scrape.
 */
export function registerReservationMetrics(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: 'bazaar_inventory_reservations',
    help: 'Reservations by status (RESERVED = live, EXPIRED = released by the sweeper, ...)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows: { status: string; count: number }[] = await dataSource
        .query('SELECT status, count(*)::int AS count FROM reservations GROUP BY status')
        .catch(() => []);
      // A status whose last reservation moved on must read 0, not its last count.
      this.reset();
      for (const row of rows) this.set({ status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'bazaar_inventory_reservations_overdue',
    help: 'Live reservations past their expiry, not yet released by the sweeper',
    registers: [registry],
    async collect() {
      const [row]: { count: number }[] = await dataSource
        .query(
          `SELECT count(*)::int AS count FROM reservations
            WHERE status = 'RESERVED' AND expires_at < now()`,
        )
        .catch(() => []);
      if (row) this.set(row.count);
    },
  });
}
