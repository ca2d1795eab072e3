import type { Money, OrderStatus } from '../../../lib/events/catalogue';
import { isId } from '../../../lib/validation';
import type { OrdersDeps } from './orders-deps';

export interface SalesByStatusView {
  status: OrderStatus;
  units: number;
  revenue: Money[];
}

export interface SalesView {
  units: number;
  revenue: Money[];
  byStatus: SalesByStatusView[];
}

/** A product's sales with its owner, so the resolver can show them to the owner only. */
export interface ProductSalesView {
  vendorId: string | null;
  sales: SalesView;
}

interface SalesRow {
  key: string;
  vendorId: string | null;
  status: OrderStatus | null;
  currency: string | null;
  units: number;
  revenue: number;
}

/** Statuses whose lines count as sold. */
const SOLD: OrderStatus[] = ['PAID', 'FULFILLED'];

/** Units and revenue of order lines by order status, per product or per vendor. */
export class SalesService {
  constructor(private readonly deps: OrdersDeps) {}

  async ofProducts(ids: readonly string[]): Promise<ProductSalesView[]> {
    const rows = await this.deps.dataSource.query<SalesRow[]>(
      `SELECT k.id::text AS key, p.vendor_id AS "vendorId", o.status, i.currency,
              coalesce(sum(i.quantity), 0)::int AS units,
              coalesce(sum(i.quantity * i.unit_amount), 0)::int AS revenue
         FROM unnest($1::uuid[]) AS k(id)
         LEFT JOIN products p ON p.id = k.id
         LEFT JOIN order_items i ON i.product_id = k.id
         LEFT JOIN orders o ON o.id = i.order_id
        GROUP BY k.id, p.vendor_id, o.status, i.currency`,
      [validIds(ids)],
    );
    return ids.map((value) => {
      const group = rows.filter((row) => row.key === value.toLowerCase());
      return { vendorId: group[0]?.vendorId ?? null, sales: salesOf(group) };
    });
  }

  async ofVendors(ids: readonly string[]): Promise<SalesView[]> {
    const rows = await this.deps.dataSource.query<SalesRow[]>(
      `SELECT i.vendor_id::text AS key, i.vendor_id AS "vendorId", o.status, i.currency,
              sum(i.quantity)::int AS units, sum(i.quantity * i.unit_amount)::int AS revenue
         FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE i.vendor_id = ANY($1::uuid[])
        GROUP BY i.vendor_id, o.status, i.currency`,
      [validIds(ids)],
    );
    return ids.map((value) => salesOf(rows.filter((row) => row.key === value.toLowerCase())));
  }
}

function validIds(ids: readonly string[]): string[] {
  return ids.filter(isId).map((value) => value.toLowerCase());
}

function salesOf(rows: SalesRow[]): SalesView {
  const byStatus = new Map<OrderStatus, SalesByStatusView>();
  for (const row of rows) {
    if (!row.status || !row.currency) continue;
    const entry = byStatus.get(row.status) ?? { status: row.status, units: 0, revenue: [] };
    entry.units += row.units;
    entry.revenue.push({ amount: row.revenue, currency: row.currency });
    byStatus.set(row.status, entry);
  }
  const sold = [...byStatus.values()].filter((entry) => SOLD.includes(entry.status));
  const revenue = new Map<string, number>();
  for (const money of sold.flatMap((entry) => entry.revenue)) {
    revenue.set(money.currency, (revenue.get(money.currency) ?? 0) + money.amount);
  }
  return {
    units: sold.reduce((sum, entry) => sum + entry.units, 0),
    revenue: [...revenue].map(([currency, amount]) => ({ amount, currency })),
    byStatus: [...byStatus.values()],
  };
}
