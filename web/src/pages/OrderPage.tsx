import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors } from '../errors';
import { CANCEL_ORDER, ORDER, ORDER_STATUS_CHANGED } from '../operations/orders';
import type { Order } from '../operations/types';
import { STATUS_LABELS } from './order-status';

/** Whether the customer may still cancel: before payment, or paid with nothing shipped. */
function cancellable(order: Order): boolean {
  if (order.status === 'PENDING' || order.status === 'AWAITING_PAYMENT') return true;
  return order.status === 'PAID' && order.items.every((item) => !item.fulfilledAt);
}

/** One order, following `orderStatusChanged` live: status, pay link, lines, history, refunds. */
export function OrderPage() {
  const { id = '' } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const { data, error, loading, refetch, startPolling, stopPolling } = useQuery(ORDER, {
    variables: { id },
  });
  // The pushed order carries the page's fields (the cache updates them in place); its payment
  // (another subgraph, written a moment later) is read again on each change.
  useSubscription(ORDER_STATUS_CHANGED, { variables: { id }, onData: () => void refetch() });
  const [cancel, cancelling] = useMutation(CANCEL_ORDER);
  const order = data?.order;
  // The checkout session opens shortly after the stock is reserved: look until it has.
  const waitingForCheckout =
    order?.status === 'PENDING' ||
    (order?.status === 'AWAITING_PAYMENT' && !order.payment?.checkoutUrl);
  useEffect(() => {
    if (waitingForCheckout) startPolling(1000);
    else stopPolling();
    return stopPolling;
  }, [waitingForCheckout, startPolling, stopPolling]);

  if (loading && !order) return <p role="status">Loading…</p>;
  if (!order) {
    return (
      <>
        <PageTitle>Order not found</PageTitle>
        <ErrorList errors={apiErrors(error)} />
      </>
    );
  }
  const checkoutUrl = order.status === 'AWAITING_PAYMENT' ? order.payment?.checkoutUrl : null;
  return (
    <article className="order-page">
      <PageTitle>Order {order.id.slice(0, 8)}</PageTitle>
      {notice && <p className="notice">{notice}</p>}
      <p>
        Status:{' '}
        <strong data-testid="order-status" role="status" aria-live="polite">
          {STATUS_LABELS[order.status]}
        </strong>
      </p>
      {checkoutUrl && (
        <p>
          <a className="button primary" href={checkoutUrl}>
            Pay <Money value={order.total} />
          </a>
          {order.expiresAt && (
            <span className="muted"> before {new Date(order.expiresAt).toLocaleString()}</span>
          )}
        </p>
      )}
      {order.shortLines.length > 0 && (
        <div className="form-errors">
          <p>Some products were short of stock:</p>
          <ul>
            {order.shortLines.map((line) => (
              <li key={line.product.id}>
                {order.items.find((item) => item.product.id === line.product.id)?.productName}:
                asked for {line.requested}, {line.available} available
              </li>
            ))}
          </ul>
        </div>
      )}
      <table>
        <caption>Lines</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Vendor</th>
            <th scope="col">Quantity</th>
            <th scope="col">Subtotal</th>
            <th scope="col">Shipped</th>
            <th scope="col">Refunded</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/products/${item.product.id}`}>{item.productName}</Link>
              </td>
              <td>{item.vendor.displayName}</td>
              <td>{item.quantity}</td>
              <td>
                <Money value={item.subtotal} />
              </td>
              <td>{item.fulfilledAt ? new Date(item.fulfilledAt).toLocaleString() : 'Not yet'}</td>
              <td>
                {item.refundedQuantity > 0 ? (
                  <>
                    {item.refundedQuantity} (<Money value={item.refundedAmount} />)
                  </>
                ) : (
                  'None'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total">
        Total: <Money value={order.total} />
      </p>
      {cancellable(order) && (
        <button
          type="button"
          disabled={cancelling.loading}
          onClick={() => void cancel({ variables: { id: order.id } }).catch(() => undefined)}
        >
          Cancel order
        </button>
      )}
      <ErrorList errors={apiErrors(cancelling.error)} />
      <h2>History</h2>
      <ol className="history">
        {order.history.map((change) => (
          <li key={`${change.to}-${change.at}`}>
            <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time>:{' '}
            {STATUS_LABELS[change.to]}
            {change.reason && ` (${change.reason})`}
          </li>
        ))}
      </ol>
      {order.payment && order.payment.refunds.length > 0 && (
        <>
          <h2>Refunds</h2>
          <ul>
            {order.payment.refunds.map((refund) => (
              <li key={refund.id}>
                <Money value={refund.amount} />: {refund.status.toLowerCase()}
                {refund.reason && ` (${refund.reason})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
