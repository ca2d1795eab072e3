import type { OrderStatus } from '../../../lib/events/catalogue';
import { isId } from '../../../lib/validation';
import type { OrdersDeps } from './orders-deps';

/** A sum over many orders: 64-bit, so no number of orders can overflow it. */
export interface MoneyTotal {
  amount: bigint;
  currency: string;
}

export interface SalesByStatusView {
  status: OrderStatus;
  units: bigint;
  revenue: MoneyTotal[];
}

export interface SalesView {
  units: bigint;
  revenue: MoneyTotal[];
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
  /** bigint sums arrive from pg as decimal strings. */
  units: string | null;
  revenue: string | null;
}

/** Statuses whose lines count as sold (less what line refunds returned). */
const SOLD: OrderStatus[] = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'];

/**
 * Only orders that were paid are sales. The rest (rejected, unpaid, expired) costs an attacker
 * nothing to create in any number, so counting it would let anyone inflate a vendor's figures.
 */
const WAS_PAID = `EXISTS (SELECT 1 FROM order_status_changes h
                           WHERE h.order_id = o.id AND h.to_status = 'PAID')`;

/**
 * Per status and currency, net of settled line refunds, in 64-bit arithmetic (`sum(bigint)` is
 * numeric; back to bigint, which paid money cannot reach).
 */
const SUMS = `sum(i.quantity - i.refunded_quantity)::bigint::text AS units,
              sum(i.quantity::bigint * i.unit_amount - i.refunded_amount)::bigint::text AS revenue`;

/** Units and revenue of paid orders' lines by order status, per product or per vendor. */
export class SalesService {
  constructor(private readonly deps: OrdersDeps) {}

  async ofProducts(ids: readonly string[]): Promise<ProductSalesView[]> {
    const rows = await this.deps.dataSource.query<SalesRow[]>(
      `SELECT k.id::text AS key, p.vendor_id AS "vendorId", s.status, s.currency, s.units,
              s.revenue
         FROM unnest($1::uuid[]) AS k(id)
         LEFT JOIN products p ON p.id = k.id
         LEFT JOIN LATERAL (
                SELECT o.status, i.currency, ${SUMS}
                  FROM order_items i JOIN orders o ON o.id = i.order_id
                 WHERE i.product_id = k.id AND ${WAS_PAID}
                 GROUP BY o.status, i.currency
              ) s ON true`,
      [validIds(ids)],
    );
    return ids.map((value) => {
      const group = rows.filter((row) => row.key === value.toLowerCase());
      return { vendorId: group[0]?.vendorId ?? null, sales: salesOf(group) };
    });
  }

  async ofVendors(ids: readonly string[]): Promise<SalesView[]> {
    const rows = await this.deps.dataSource.query<SalesRow[]>(
      `SELECT i.vendor_id::text AS key, i.vendor_id AS "vendorId", o.status, i.currency, ${SUMS}
         FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE i.vendor_id = ANY($1::uuid[]) AND ${WAS_PAID}
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
    if (!row.status || !row.currency || row.units === null || row.revenue === null) continue;
    const entry = byStatus.get(row.status) ?? { status: row.status, units: 0n, revenue: [] };
    entry.units += BigInt(row.units);
    entry.revenue.push({ amount: BigInt(row.revenue), currency: row.currency });
    byStatus.set(row.status, entry);
  }
  const sold = [...byStatus.values()].filter((entry) => SOLD.includes(entry.status));
  const revenue = new Map<string, bigint>();
  for (const money of sold.flatMap((entry) => entry.revenue)) {
    revenue.set(money.currency, (revenue.get(money.currency) ?? 0n) + money.amount);
  }
  return {
    units: sold.reduce((sum, entry) => sum + entry.units, 0n),
    revenue: [...revenue].map(([currency, amount]) => ({ amount, currency })),
    byStatus: [...byStatus.values()],
  };
}
