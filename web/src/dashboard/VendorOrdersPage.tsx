import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors } from '../errors';
import { FULFIL_ORDER_LINES, VENDOR_ORDERS } from '../operations/vendor';
import { STATUS_LABELS } from '../pages/order-status';
import { RefundLineForm } from './RefundLineForm';
import { useAction } from './use-action';

/** Statuses in which the vendor may refund units of its lines. */
const REFUNDABLE = new Set(['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED']);

/** Units of each line that refunds still PENDING at Stripe hold: not refundable again meanwhile. */
function pendingUnitsByLine(
  refunds: ReadonlyArray<{
    status: string;
    lines: ReadonlyArray<{ quantity: number; item: { id: string } }>;
  }>,
): Map<string, number> {
  const pending = new Map<string, number>();
  for (const refund of refunds) {
    if (refund.status !== 'PENDING') continue;
    for (const line of refund.lines) {
      pending.set(line.item.id, (pending.get(line.item.id) ?? 0) + line.quantity);
    }
  }
  return pending;
}

/**
 * Orders with the vendor's own lines; a paid order's lines are shipped with one button, and
 * units of each line refunded with its own form.
 */
export function VendorOrdersPage() {
  const [params] = useSearchParams();
  const { data, error } = useQuery(VENDOR_ORDERS, { variables: { after: params.get('after') } });
  const fulfil = useAction(FULFIL_ORDER_LINES);
  const orders = data?.vendorOrders;
  return (
    <>
      <PageTitle>Orders</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      <ErrorList errors={fulfil.errors} />
      {orders && orders.edges.length === 0 && <p>No orders yet.</p>}
      {orders?.edges.map(({ node }) => {
        const shipped = node.items.every((item) => item.fulfilledAt);
        const pending = pendingUnitsByLine(node.order.refunds);
        return (
          <article
            key={node.order.id}
            className="vendor-order"
            aria-labelledby={`order-${node.order.id}`}
          >
            <h2 id={`order-${node.order.id}`}>
              Order {node.order.id.slice(0, 8)} · {STATUS_LABELS[node.order.status]}
            </h2>
            <ul>
              {node.items.map((item) => {
                const pendingUnits = pending.get(item.id) ?? 0;
                const refundable = item.quantity - item.refundedQuantity - pendingUnits;
                return (
                  <li key={item.id}>
                    {item.quantity} × {item.productName} (<Money value={item.subtotal} />)
                    {item.fulfilledAt ? ' · shipped' : ''}
                    {item.refundedQuantity > 0 ? ` · ${item.refundedQuantity} refunded` : ''}
                    {pendingUnits > 0 ? ` · ${pendingUnits} refund pending` : ''}
                    {REFUNDABLE.has(node.order.status) && refundable > 0 && (
                      <RefundLineForm
                        orderId={node.order.id}
                        line={item}
                        refundableUnits={refundable}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
            <p>
              Your subtotal: <Money value={node.subtotal} />
            </p>
            {(node.order.status === 'PAID' || node.order.status === 'PARTIALLY_REFUNDED') &&
              !shipped && (
                <button
                  type="button"
                  className="primary"
                  disabled={fulfil.loading}
                  onClick={() => void fulfil.run({ orderId: node.order.id })}
                >
                  Mark order {node.order.id.slice(0, 8)} shipped
                </button>
              )}
          </article>
        );
      })}
      {orders?.pageInfo.hasNextPage && (
        <Link to={`/dashboard/orders?after=${encodeURIComponent(orders.pageInfo.endCursor ?? '')}`}>
          Older orders
        </Link>
      )}
    </>
  );
}
