import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Order, OrderStatus, PageInfo } from './types';

const ORDER_FIELDS = `id status createdAt expiresAt total { amount currency }
  items { id productName quantity fulfilledAt unitPrice { amount currency }
    subtotal { amount currency } product { id } vendor { id displayName } }
  history { from to reason at }
  shortLines { product { id } requested available }`;

const PAYMENT_FIELDS = `payment { id status checkoutUrl
  refunds { id status reason amount { amount currency } } }`;

export const PLACE_ORDER: TypedDocumentNode<
  { placeOrder: { id: string; status: OrderStatus } },
  {
    input: {
      items: Array<{ productId: string; quantity: number }>;
      idempotencyKey: string;
    };
  }
> = gql`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`;

/** The order page: the order with its payment, in one round trip. */
export const ORDER: TypedDocumentNode<{ order: Order | null }, { id: string }> = gql`
  query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} ${PAYMENT_FIELDS} } }
`;

/** Pushed by the gateway over graphql-ws; the same fields as the page, so the cache updates it. */
export const ORDER_STATUS_CHANGED: TypedDocumentNode<
  { orderStatusChanged: Omit<Order, 'payment'> },
  { id: string }
> = gql`
  subscription OrderStatusChanged($id: ID!) { orderStatusChanged(orderId: $id) { ${ORDER_FIELDS} } }
`;

export const CANCEL_ORDER: TypedDocumentNode<{ cancelOrder: Order }, { id: string }> = gql`
  mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { ${ORDER_FIELDS} ${PAYMENT_FIELDS} } }
`;

export const MY_ORDERS: TypedDocumentNode<
  {
    myOrders: {
      pageInfo: PageInfo;
      edges: Array<{
        node: Pick<Order, 'id' | 'status' | 'createdAt' | 'total'> & {
          items: Array<{ id: string; productName: string; quantity: number }>;
        };
      }>;
    };
  },
  { after?: string | null }
> = gql`
  query MyOrders($after: String) {
    myOrders(first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          items {
            id
            productName
            quantity
          }
        }
      }
    }
  }
`;
