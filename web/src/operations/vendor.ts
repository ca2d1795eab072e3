import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CategorySummary,
  Money,
  OrderItem,
  OrderStatus,
  PageInfo,
  ProductStatus,
  ProductStock,
  Sales,
  StockLevel,
  StockMovement,
  Warehouse,
} from './types';

const SALES_FIELDS = `units revenue { amount currency }
  byStatus { status units revenue { amount currency } }`;
const STOCK_FIELDS = `available reserved onHand lowStockThreshold lowStock
  levels { onHand reserved available warehouse { id name code } }`;
const WAREHOUSE_FIELDS = 'id name code active';

export interface DashboardProduct {
  id: string;
  name: string;
  status: ProductStatus;
  price: Money;
  category: { id: string; name: string } | null;
  stock: Omit<ProductStock, 'levels'>;
}

/** The dashboard's overview in one round trip: products with stock, sales, warehouses. */
export const DASHBOARD: TypedDocumentNode<{
  me: {
    id: string;
    displayName: string;
    products: { edges: Array<{ node: DashboardProduct }> };
    sales: Sales;
  } | null;
  myWarehouses: Warehouse[];
  categories: CategorySummary[];
}> = gql`
  query Dashboard {
    me {
      id
      displayName
      products(first: 100) {
        edges { node { id name status price { amount currency } category { id name }
          stock { available reserved onHand lowStockThreshold lowStock } } }
      }
      sales { ${SALES_FIELDS} }
    }
    myWarehouses { ${WAREHOUSE_FIELDS} }
    categories { id name slug parent { id } }
  }
`;

export interface EditableProduct {
  id: string;
  name: string;
  description: string | null;
  status: ProductStatus;
  price: Money;
  category: { id: string } | null;
  stock: ProductStock;
  sales: Sales;
}

/** One product's page in one round trip: details, stock per warehouse, ledger, sales. */
export const VENDOR_PRODUCT: TypedDocumentNode<
  {
    product: EditableProduct | null;
    stockMovements: StockMovement[];
    myWarehouses: Warehouse[];
    categories: CategorySummary[];
  },
  { id: string }
> = gql`
  query VendorProduct($id: ID!) {
    product(id: $id) {
      id name description status price { amount currency } category { id }
      stock { ${STOCK_FIELDS} }
      sales { ${SALES_FIELDS} }
    }
    stockMovements(productId: $id, first: 50) {
      id kind quantity reason orderId createdAt warehouse { id code }
    }
    myWarehouses { ${WAREHOUSE_FIELDS} }
    categories { id name slug parent { id } }
  }
`;

export interface ProductInput {
  name?: string;
  description?: string | null;
  categoryId?: string | null;
  price?: Money;
  status?: ProductStatus;
}

export const CREATE_PRODUCT: TypedDocumentNode<
  { createProduct: { id: string } },
  { input: ProductInput }
> = gql`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`;

export const UPDATE_PRODUCT: TypedDocumentNode<
  { updateProduct: { id: string; status: ProductStatus } },
  { id: string; input: ProductInput }
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
  { archiveProduct: { id: string; status: ProductStatus } },
  { id: string }
> = gql`
  mutation ArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      status
    }
  }
`;

export const CREATE_WAREHOUSE: TypedDocumentNode<
  { createWarehouse: Warehouse },
  { input: { name: string; code: string } }
> = gql`
  mutation CreateWarehouse($input: CreateWarehouseInput!) { createWarehouse(input: $input) { ${WAREHOUSE_FIELDS} } }
`;

export const UPDATE_WAREHOUSE: TypedDocumentNode<
  { updateWarehouse: Warehouse },
  { id: string; input: { name?: string; active?: boolean } }
> = gql`
  mutation UpdateWarehouse($id: ID!, $input: UpdateWarehouseInput!) {
    updateWarehouse(id: $id, input: $input) { ${WAREHOUSE_FIELDS} }
  }
`;

export const RECEIVE_STOCK: TypedDocumentNode<
  { receiveStock: StockLevel },
  { input: { productId: string; warehouseId: string; quantity: number } }
> = gql`
  mutation ReceiveStock($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      onHand
    }
  }
`;

export const ADJUST_STOCK: TypedDocumentNode<
  { adjustStock: StockLevel },
  { input: { productId: string; warehouseId: string; delta: number; reason: string } }
> = gql`
  mutation AdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      onHand
    }
  }
`;

export const TRANSFER_STOCK: TypedDocumentNode<
  { transferStock: StockLevel[] },
  {
    input: { productId: string; fromWarehouseId: string; toWarehouseId: string; quantity: number };
  }
> = gql`
  mutation TransferStock($input: TransferStockInput!) {
    transferStock(input: $input) {
      onHand
    }
  }
`;

export const SET_LOW_STOCK_THRESHOLD: TypedDocumentNode<
  { setLowStockThreshold: { lowStockThreshold: number } },
  { productId: string; threshold: number }
> = gql`
  mutation SetLowStockThreshold($productId: ID!, $threshold: Int!) {
    setLowStockThreshold(productId: $productId, threshold: $threshold) {
      lowStockThreshold
    }
  }
`;

export interface VendorOrder {
  order: { id: string; status: OrderStatus; createdAt: string };
  items: OrderItem[];
  subtotal: Money;
}

export const VENDOR_ORDERS: TypedDocumentNode<
  { vendorOrders: { pageInfo: PageInfo; edges: Array<{ node: VendorOrder }> } },
  { after?: string | null }
> = gql`
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
  { fulfillOrderLines: { id: string; status: OrderStatus } },
  { orderId: string }
> = gql`
  mutation FulfillOrderLines($orderId: ID!) {
    fulfillOrderLines(orderId: $orderId) {
      id
      status
    }
  }
`;

export const CREATE_CATEGORY: TypedDocumentNode<
  { createCategory: CategorySummary },
  { input: { name: string; slug: string; parentId?: string | null } }
> = gql`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;

export const UPDATE_CATEGORY: TypedDocumentNode<
  { updateCategory: CategorySummary },
  { id: string; input: { name?: string; slug?: string; parentId?: string | null } }
> = gql`
  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;

export const CATEGORIES: TypedDocumentNode<{ categories: CategorySummary[] }> = gql`
  query Categories {
    categories {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;
