import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CancelOrderMutation,
  CancelOrderMutationVariables,
  MyOrdersQuery,
  MyOrdersQueryVariables,
  OrderQuery,
  OrderQueryVariables,
  OrderStatusChangedSubscription,
  OrderStatusChangedSubscriptionVariables,
  PlaceOrderMutation,
  PlaceOrderMutationVariables,
} from '../generated/graphql';

const ORDER_FIELDS = gql`
  fragment OrderFields on Order {
    id
    status
    createdAt
    expiresAt
    total {
      amount
      currency
    }
    items {
      id
      productName
      quantity
      fulfilledAt
      refundedQuantity
      refundedAmount {
        amount
        currency
      }
      unitPrice {
        amount
        currency
      }
      subtotal {
        amount
        currency
      }
      product {
        id
      }
      vendor {
        id
        displayName
      }
    }
    history {
      from
      to
      reason
      at
    }
    shortLines {
      product {
        id
      }
      requested
      available
    }
  }
`;

const ORDER_PAYMENT = gql`
  fragment OrderPayment on Order {
    payment {
      id
      status
      checkoutUrl
      refunds {
        id
        status
        reason
        amount {
          amount
          currency
        }
      }
    }
  }
`;

export const PLACE_ORDER: TypedDocumentNode<PlaceOrderMutation, PlaceOrderMutationVariables> = gql`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`;

/** The order page: the order with its payment, in one round trip. */
export const ORDER: TypedDocumentNode<OrderQuery, OrderQueryVariables> = gql`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
      ...OrderPayment
    }
  }
  ${ORDER_FIELDS}
  ${ORDER_PAYMENT}
`;

/** Pushed by the gateway over graphql-ws; the same fields as the page, so the cache updates it. */
export const ORDER_STATUS_CHANGED: TypedDocumentNode<
  OrderStatusChangedSubscription,
  OrderStatusChangedSubscriptionVariables
> = gql`
  subscription OrderStatusChanged($id: ID!) {
    orderStatusChanged(orderId: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const CANCEL_ORDER: TypedDocumentNode<CancelOrderMutation, CancelOrderMutationVariables> =
  gql`
    mutation CancelOrder($id: ID!) {
      cancelOrder(id: $id) {
        ...OrderFields
        ...OrderPayment
      }
    }
    ${ORDER_FIELDS}
    ${ORDER_PAYMENT}
  `;

export const MY_ORDERS: TypedDocumentNode<MyOrdersQuery, MyOrdersQueryVariables> = gql`
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
