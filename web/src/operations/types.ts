/**
 * The supergraph's types as the app selects them, typed by hand from `schema/*.graphql` in this
 * one place (GraphQL Code Generator was left out for time; every document is typed with these).
 */
export interface Money {
  amount: number;
  currency: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export type Role = 'CUSTOMER' | 'VENDOR' | 'ADMIN';
export type ProductStatus = 'DRAFT' | 'ACTIVE' | 'ARCHIVED';
export type ProductSort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';
export type OrderStatus =
  | 'PENDING'
  | 'AWAITING_PAYMENT'
  | 'PAID'
  | 'FULFILLED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'REJECTED'
  | 'REFUNDED';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  emailVerified: boolean;
}

export interface CategorySummary {
  id: string;
  name: string;
  slug: string;
  parent: { id: string } | null;
}

export interface ProductSummary {
  id: string;
  name: string;
  status: ProductStatus;
  price: Money;
  vendor: { id: string; displayName: string };
  category: { id: string; name: string } | null;
}

export interface StockLevel {
  onHand: number;
  reserved: number;
  available: number;
  warehouse: { id: string; name: string; code: string };
}

export interface ProductStock {
  available: number;
  reserved: number;
  onHand: number;
  lowStockThreshold: number;
  lowStock: boolean;
  levels: StockLevel[];
}

export interface OrderItem {
  id: string;
  productName: string;
  quantity: number;
  unitPrice: Money;
  subtotal: Money;
  fulfilledAt: string | null;
  product: { id: string };
  vendor: { id: string; displayName: string };
}

export interface OrderStatusChange {
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string | null;
  at: string;
}

export interface Refund {
  id: string;
  amount: Money;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  reason: string | null;
}

export interface Order {
  id: string;
  status: OrderStatus;
  total: Money;
  createdAt: string;
  expiresAt: string | null;
  items: OrderItem[];
  history: OrderStatusChange[];
  shortLines: Array<{ product: { id: string }; requested: number; available: number }>;
  payment: {
    id: string;
    status: string;
    checkoutUrl: string | null;
    refunds: Refund[];
  } | null;
}

export interface Warehouse {
  id: string;
  name: string;
  code: string;
  active: boolean;
}

export interface StockMovement {
  id: string;
  kind: string;
  quantity: number;
  reason: string | null;
  orderId: string | null;
  createdAt: string;
  warehouse: { id: string; code: string };
}

export interface MoneyTotal {
  amount: string;
  currency: string;
}

export interface Sales {
  units: string;
  revenue: MoneyTotal[];
  byStatus: Array<{ status: OrderStatus; units: string; revenue: MoneyTotal[] }>;
}
