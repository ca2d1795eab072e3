import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  AdjustStockMutation,
  AdjustStockMutationVariables,
  ArchiveProductMutation,
  ArchiveProductMutationVariables,
  CreateProductMutation,
  CreateProductMutationVariables,
  CreateWarehouseMutation,
  CreateWarehouseMutationVariables,
  DashboardQuery,
  DashboardQueryVariables,
  FulfillOrderLinesMutation,
  FulfillOrderLinesMutationVariables,
  ReceiveStockMutation,
  ReceiveStockMutationVariables,
  RefundOrderLinesMutation,
  RefundOrderLinesMutationVariables,
  SetLowStockThresholdMutation,
  SetLowStockThresholdMutationVariables,
  StockMovementsQuery,
  StockMovementsQueryVariables,
  TransferStockMutation,
  TransferStockMutationVariables,
  UpdateProductMutation,
  UpdateProductMutationVariables,
  UpdateWarehouseMutation,
  UpdateWarehouseMutationVariables,
  VendorOrdersQuery,
  VendorOrdersQueryVariables,
  VendorProductQuery,
  VendorProductQueryVariables,
} from '../generated/graphql';
import { CATEGORY_SUMMARY } from './fragments';

const SALES = gql`
  fragment SalesFigures on Sales {
    units
    revenue {
      amount
      currency
    }
    byStatus {
      status
      units
      revenue {
        amount
        currency
      }
    }
  }
`;

const WAREHOUSE = gql`
  fragment WarehouseFields on Warehouse {
    id
    name
    code
    active
  }
`;

/** The dashboard's overview in one round trip: products with stock, sales, warehouses. */
export const DASHBOARD: TypedDocumentNode<DashboardQuery, DashboardQueryVariables> = gql`
  query Dashboard {
    me {
      id
      displayName
      products(first: 100) {
        edges {
          node {
            id
            name
            status
            price {
              amount
              currency
            }
            category {
              id
              name
            }
            stock {
              available
              reserved
              onHand
              lowStockThreshold
              lowStock
            }
          }
        }
      }
      sales {
        ...SalesFigures
      }
    }
    myWarehouses {
      ...WarehouseFields
    }
    categories {
      ...CategorySummary
    }
  }
  ${SALES}
  ${WAREHOUSE}
  ${CATEGORY_SUMMARY}
`;

/** One product's page: details, stock per warehouse, sales (the ledger is STOCK_MOVEMENTS). */
export const VENDOR_PRODUCT: TypedDocumentNode<VendorProductQuery, VendorProductQueryVariables> =
  gql`
    query VendorProduct($id: ID!) {
      product(id: $id) {
        id
        name
        description
        status
        price {
          amount
          currency
        }
        category {
          id
        }
        stock {
          available
          reserved
          onHand
          lowStockThreshold
          lowStock
          levels {
            onHand
            reserved
            available
            warehouse {
              id
              name
              code
            }
          }
        }
        sales {
          ...SalesFigures
        }
      }
      myWarehouses {
        ...WarehouseFields
      }
      categories {
        ...CategorySummary
      }
    }
    ${SALES}
    ${WAREHOUSE}
    ${CATEGORY_SUMMARY}
  `;

/**
 * The product's stock ledger, on its own: inventory learns of a new product from catalog's event a
 * moment after it is created, and until then answers NOT_FOUND for its ledger; the product page
 * must not fail with it.
 */
export const STOCK_MOVEMENTS: TypedDocumentNode<StockMovementsQuery, StockMovementsQueryVariables> =
  gql`
    query StockMovements($productId: ID!) {
      stockMovements(productId: $productId, first: 50) {
        id
        kind
        quantity
        reason
        orderId
        createdAt
        warehouse {
          id
          code
        }
      }
    }
  `;

export const CREATE_PRODUCT: TypedDocumentNode<
  CreateProductMutation,
  CreateProductMutationVariables
> = gql`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`;

export const UPDATE_PRODUCT: TypedDocumentNode<
  UpdateProductMutation,
  UpdateProductMutationVariables
> = gql`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      name
      description
      status
      price {
        amount
        currency
      }
      category {
        id
      }
    }
  }
`;

export const ARCHIVE_PRODUCT: TypedDocumentNode<
  ArchiveProductMutation,
  ArchiveProductMutationVariables
> = gql`
  mutation ArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      status
    }
  }
`;

export const CREATE_WAREHOUSE: TypedDocumentNode<
  CreateWarehouseMutation,
  CreateWarehouseMutationVariables
> = gql`
  mutation CreateWarehouse($input: CreateWarehouseInput!) {
    createWarehouse(input: $input) {
      ...WarehouseFields
    }
  }
  ${WAREHOUSE}
`;

export const UPDATE_WAREHOUSE: TypedDocumentNode<
  UpdateWarehouseMutation,
  UpdateWarehouseMutationVariables
> = gql`
  mutation UpdateWarehouse($id: ID!, $input: UpdateWarehouseInput!) {
    updateWarehouse(id: $id, input: $input) {
      ...WarehouseFields
    }
  }
  ${WAREHOUSE}
`;

export const RECEIVE_STOCK: TypedDocumentNode<ReceiveStockMutation, ReceiveStockMutationVariables> =
  gql`
    mutation ReceiveStock($input: ReceiveStockInput!) {
      receiveStock(input: $input) {
        onHand
      }
    }
  `;

export const ADJUST_STOCK: TypedDocumentNode<AdjustStockMutation, AdjustStockMutationVariables> =
  gql`
    mutation AdjustStock($input: AdjustStockInput!) {
      adjustStock(input: $input) {
        onHand
      }
    }
  `;

export const TRANSFER_STOCK: TypedDocumentNode<
  TransferStockMutation,
  TransferStockMutationVariables
> = gql`
  mutation TransferStock($input: TransferStockInput!) {
    transferStock(input: $input) {
      onHand
    }
  }
`;

export const SET_LOW_STOCK_THRESHOLD: TypedDocumentNode<
  SetLowStockThresholdMutation,
  SetLowStockThresholdMutationVariables
> = gql`
  mutation SetLowStockThreshold($productId: ID!, $threshold: Int!) {
    setLowStockThreshold(productId: $productId, threshold: $threshold) {
      lowStockThreshold
    }
  }
`;

export const VENDOR_ORDERS: TypedDocumentNode<VendorOrdersQuery, VendorOrdersQueryVariables> = gql`
  query VendorOrders($after: String) {
    vendorOrders(first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          order {
            id
            status
            createdAt
            refunds {
              id
              status
              lines {
                quantity
                item {
                  id
                }
              }
            }
          }
          subtotal {
            amount
            currency
          }
          items {
            id
            productName
            quantity
            fulfilledAt
            refundedQuantity
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
        }
      }
    }
  }
`;

export const FULFIL_ORDER_LINES: TypedDocumentNode<
  FulfillOrderLinesMutation,
  FulfillOrderLinesMutationVariables
> = gql`
  mutation FulfillOrderLines($orderId: ID!) {
    fulfillOrderLines(orderId: $orderId) {
      id
      status
    }
  }
`;

export const REFUND_ORDER_LINES: TypedDocumentNode<
  RefundOrderLinesMutation,
  RefundOrderLinesMutationVariables
> = gql`
  mutation RefundOrderLines(
    $orderId: ID!
    $lines: [RefundLineInput!]!
    $reason: String!
    $restock: Boolean!
  ) {
    refundOrderLines(orderId: $orderId, lines: $lines, reason: $reason, restock: $restock) {
      id
      status
      refunds {
        id
        status
      }
    }
  }
`;
