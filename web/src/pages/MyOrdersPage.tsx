import { useQuery } from '@apollo/client/react';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { ErrorList } from '../components/ErrorList';
import { PageTitle } from '../components/Layout';
import { Money } from '../components/Money';
import { apiErrors } from '../errors';
import { MY_ORDERS } from '../operations/orders';
import { STATUS_LABELS } from './order-status';

export function MyOrdersPage() {
  const [params] = useSearchParams();
  const { data, error } = useQuery(MY_ORDERS, { variables: { after: params.get('after') } });
  const orders = data?.myOrders;
  return (
    <>
      <PageTitle>My orders</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      {orders && orders.edges.length === 0 && <p>No orders yet.</p>}
      <ul className="order-list">
        {orders?.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/orders/${node.id}`}>
              {new Date(node.createdAt).toLocaleDateString()}:{' '}
              {node.items.map((item) => `${item.quantity} × ${item.productName}`).join(', ')}
            </Link>{' '}
            <Money value={node.total} /> · {STATUS_LABELS[node.status]}
          </li>
        ))}
      </ul>
      {orders?.pageInfo.hasNextPage && (
        <Link to={`/orders?after=${encodeURIComponent(orders.pageInfo.endCursor ?? '')}`}>
          Older orders
        </Link>
      )}
    </>
  );
}

/**
 * Where Stripe (or the dev checkout) sends the customer back: `/checkout/success?order=<id>` and
 * `/checkout/cancel?order=<id>` land on the order page with a word about what happened.
 */
export function CheckoutReturnPage() {
  const { outcome } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const orderId = params.get('order');
  if (!orderId) return <Navigate to="/orders" replace />;
  const notice =
    outcome === 'success'
      ? 'Thank you! Your payment is being confirmed; this page updates by itself.'
      : 'Payment cancelled. You can pay later from this page, or cancel the order.';
  return <Navigate to={`/orders/${orderId}`} replace state={{ notice, from: location.pathname }} />;
}
