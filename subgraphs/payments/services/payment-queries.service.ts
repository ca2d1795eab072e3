import { In } from 'typeorm';
import { connectionFrom, type Connection } from '../../../lib/graphql/pagination';
import { isId } from '../../../lib/validation';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { checkoutTokenMatches } from '../providers/dev-checkout-tokens';
import { paymentsCursor, type PaymentsPageKey } from '../validation';
import type { PaymentsDeps } from './payments-deps';

/** The columns of a {@link Payment} under its property names, so raw rows are payments. */
const PAYMENT_COLUMNS = `p.id, p.order_id AS "orderId", p.customer_id AS "customerId", p.status,
  p.amount, p.currency, p.checkout_session_id AS "checkoutSessionId",
  p.checkout_url AS "checkoutUrl", p.checkout_token_hash AS "checkoutTokenHash",
  p.payment_intent_id AS "paymentIntentId", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;

/** Microseconds, as stored: a JavaScript Date keeps milliseconds only and would skip rows. */
const CREATED_AT_KEY = `to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type PageRow = Payment & { sortKey: string };

/** Reads for the API (each one statement for any number of keys) and the dev checkout page. */
export class PaymentQueryService {
  constructor(private readonly deps: PaymentsDeps) {}

  /** The payment of each order if `customerId` placed it, else null (and null for no caller). */
  async ofOrders(
    orderIds: readonly string[],
    customerId: string | null,
  ): Promise<Array<Payment | null>> {
    const ids = orderIds.filter(isId).map((id) => id.toLowerCase());
    const found =
      customerId && ids.length
        ? await this.deps.dataSource.manager.findBy(Payment, { orderId: In(ids), customerId })
        : [];
    const byOrder = new Map(found.map((payment) => [payment.orderId, payment]));
    return orderIds.map((id) => byOrder.get(id.toLowerCase()) ?? null);
  }

  /** Payments by id, whoever they belong to: the shield's owner rule guards their fields. */
  async byIds(paymentIds: readonly string[]): Promise<Array<Payment | null>> {
    const ids = paymentIds.filter(isId).map((id) => id.toLowerCase());
    const found = ids.length
      ? await this.deps.dataSource.manager.findBy(Payment, { id: In(ids) })
      : [];
    const byId = new Map(found.map((payment) => [payment.id, payment]));
    return paymentIds.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** The refunds of each payment, oldest first. */
  async refundsOf(paymentIds: readonly string[]): Promise<Refund[][]> {
    const refunds = await this.deps.dataSource.manager.find(Refund, {
      where: { paymentId: In([...paymentIds]) },
      order: { createdAt: 'ASC' },
    });
    return paymentIds.map((id) => refunds.filter((refund) => refund.paymentId === id));
  }

  /** A newest-first page of the customer's own payments. */
  async page(key: PaymentsPageKey): Promise<Connection<Payment>> {
    const rows = await this.deps.dataSource.query<PageRow[]>(
      `SELECT ${PAYMENT_COLUMNS}, ${CREATED_AT_KEY} AS "sortKey" FROM payments p
        WHERE p.customer_id = $1
          AND ($2::text IS NULL OR p.status = $2::text)
          AND ($3::timestamptz IS NULL OR (p.created_at, p.id) < ($3::timestamptz, $4::uuid))
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $5`,
      [
        key.customerId,
        key.status,
        key.after?.createdAt ?? null,
        key.after?.id ?? null,
        key.first + 1,
      ],
    );
    return connectionFrom(
      rows,
      key.first,
      0,
      (row) => paymentsCursor({ createdAt: row.sortKey, id: row.id }),
      ({ sortKey: _sortKey, ...payment }) => payment,
    );
  }

  /** Where the payment's customer pays while it is OPEN; null once it is not. */
  checkoutUrlOf(payment: Payment): string | null {
    if (payment.status !== 'OPEN' || !payment.checkoutUrl) return null;
    return this.deps.provider.customerCheckoutUrl({
      id: payment.checkoutSessionId,
      url: payment.checkoutUrl,
    });
  }

  /** The payment behind a dev checkout page, for the holder of the page's token only. */
  async byCheckoutToken(sessionId: string, token: unknown): Promise<Payment | null> {
    const payment = await this.deps.dataSource.manager.findOneBy(Payment, {
      checkoutSessionId: sessionId,
    });
    return payment && checkoutTokenMatches(token, payment.checkoutTokenHash) ? payment : null;
  }
}
