/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type AdjustStockInput = {
  /** Positive or negative change of on-hand. */
  delta: number;
  productId: string | number;
  reason: string;
  warehouseId: string | number;
};

export type CreateCategoryInput = {
  name: string;
  parentId?: string | number | null | undefined;
  slug: string;
};

export type CreateProductInput = {
  categoryId?: string | number | null | undefined;
  description?: string | null | undefined;
  name: string;
  price: MoneyInput;
  /** DRAFT (default) or ACTIVE. */
  status?: ProductStatus | null | undefined;
};

export type CreateWarehouseInput = {
  code: string;
  name: string;
};

export type LoginInput = {
  /** The account's email or phone number. */
  login: string;
  password: string;
};

export type MoneyInput = {
  amount: number;
  currency: string;
};

export type OrderLineInput = {
  productId: string | number;
  quantity: number;
};

export type OrderRefundStatus =
  /** Stripe refused; nothing went back and the units may be refunded again. */
  | 'FAILED'
  /** Asked of Stripe; its units are held against the lines. */
  | 'PENDING'
  /** The money went back; the lines count the units as refunded. */
  | 'SUCCEEDED';

export type OrderStatus =
  /** Stock reserved until `expiresAt`; waiting for the customer to pay. */
  | 'AWAITING_PAYMENT'
  | 'CANCELLED'
  /** The reservation or the checkout session ran out before payment. */
  | 'EXPIRED'
  /** Every vendor shipped its lines. */
  | 'FULFILLED'
  | 'PAID'
  /**
   * Paid (shipped or not), and some units of some lines refunded (`Order.refunds`); the customer
   * paid the total less `OrderItem.refundedAmount` of every line.
   */
  | 'PARTIALLY_REFUNDED'
  /** Placed; stock is being reserved. */
  | 'PENDING'
  /**
   * All the money went back: after a cancellation of a paid order, a payment that arrived after the
   * order expired or was cancelled, or line refunds of every unit.
   */
  | 'REFUNDED'
  /** Some lines were short of stock; nothing was reserved. */
  | 'REJECTED';

export type PaymentStatus =
  | 'EXPIRED'
  | 'FAILED'
  /** A checkout session is open; pay at `checkoutUrl`. */
  | 'OPEN'
  /** Money captured; stays PAID while line refunds return only part of it. */
  | 'PAID'
  /** Refunds returned all the money. */
  | 'REFUNDED';

export type PlaceOrderInput = {
  /**
   * Chosen by the client; placing again with the same key and the same lines returns the same
   * order, with other lines it is a CONFLICT.
   */
  idempotencyKey: string;
  items: Array<OrderLineInput>;
};

export type ProductFilter = {
  /** Includes the category's descendants. */
  categoryId?: string | number | null | undefined;
  /** Inclusive, in minor units. */
  maxPrice?: number | null | undefined;
  /** Inclusive, in minor units. */
  minPrice?: number | null | undefined;
  /** Full-text search over name and description. */
  search?: string | null | undefined;
  vendorId?: string | number | null | undefined;
};

export type ProductSort =
  | 'NAME_ASC'
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC';

export type ProductStatus =
  /** For sale; visible to everyone. */
  | 'ACTIVE'
  /** Withdrawn for good; visible to its vendor only. */
  | 'ARCHIVED'
  /** Visible to its vendor only. */
  | 'DRAFT';

export type ReceiveStockInput = {
  productId: string | number;
  quantity: number;
  warehouseId: string | number;
};

export type RefundLineInput = {
  /** `OrderItem.id` of a line of the order. */
  itemId: string | number;
  /** Units to refund: at least 1, at most what is left of the line. */
  quantity: number;
};

export type RefundStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

export type RegisterInput = {
  displayName: string;
  email: string;
  /** At least 10 characters with at least one letter and one digit or symbol. */
  password: string;
  /** E.164, e.g. `+4915112345678`; optional, unique; enables login by phone. */
  phone?: string | null | undefined;
  role: RegistrationRole;
};

/** Roles that can be chosen at registration; admins are created by seeding. */
export type RegistrationRole =
  | 'CUSTOMER'
  | 'VENDOR';

export type Role =
  | 'ADMIN'
  | 'CUSTOMER'
  | 'VENDOR';

export type StockMovementKind =
  | 'ADJUSTMENT'
  | 'RECEIPT'
  | 'RELEASE'
  | 'RESERVATION'
  /** Sold units back on the shelf: an order cancelled after payment, or a refund with restock. */
  | 'RESTOCK'
  | 'SALE'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT';

export type TransferStockInput = {
  fromWarehouseId: string | number;
  productId: string | number;
  quantity: number;
  toWarehouseId: string | number;
};

export type UpdateCategoryInput = {
  name?: string | null | undefined;
  parentId?: string | number | null | undefined;
  slug?: string | null | undefined;
};

export type UpdateProductInput = {
  categoryId?: string | number | null | undefined;
  description?: string | null | undefined;
  name?: string | null | undefined;
  price?: MoneyInput | null | undefined;
  /** DRAFT or ACTIVE; use archiveProduct to archive. */
  status?: ProductStatus | null | undefined;
};

export type UpdateWarehouseInput = {
  active?: boolean | null | undefined;
  name?: string | null | undefined;
};

export type CreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type CreateCategoryMutation = { createCategory: { id: string, name: string, slug: string, parent: { id: string } | null } };

export type UpdateCategoryMutationVariables = Exact<{
  id: string | number;
  input: UpdateCategoryInput;
}>;


export type UpdateCategoryMutation = { updateCategory: { id: string, name: string, slug: string, parent: { id: string } | null } };

export type CategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoriesQuery = { categories: Array<{ id: string, name: string, slug: string, parent: { id: string } | null }> };

export type CategorySummaryFragment = { id: string, name: string, slug: string, parent: { id: string } | null };

export type OrderFieldsFragment = { id: string, status: OrderStatus, createdAt: string, expiresAt: string | null, total: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number, fulfilledAt: string | null, refundedQuantity: number, refundedAmount: { amount: number, currency: string }, unitPrice: { amount: number, currency: string }, subtotal: { amount: number, currency: string }, product: { id: string }, vendor: { id: string, displayName: string } }>, history: Array<{ from: OrderStatus | null, to: OrderStatus, reason: string | null, at: string }>, shortLines: Array<{ requested: number, available: number, product: { id: string } }> };

export type OrderPaymentFragment = { payment: { id: string, status: PaymentStatus, checkoutUrl: string | null, refunds: Array<{ id: string, status: RefundStatus, reason: string | null, amount: { amount: number, currency: string } }> } | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus } };

export type OrderQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderQuery = { order: { id: string, status: OrderStatus, createdAt: string, expiresAt: string | null, total: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number, fulfilledAt: string | null, refundedQuantity: number, refundedAmount: { amount: number, currency: string }, unitPrice: { amount: number, currency: string }, subtotal: { amount: number, currency: string }, product: { id: string }, vendor: { id: string, displayName: string } }>, history: Array<{ from: OrderStatus | null, to: OrderStatus, reason: string | null, at: string }>, shortLines: Array<{ requested: number, available: number, product: { id: string } }>, payment: { id: string, status: PaymentStatus, checkoutUrl: string | null, refunds: Array<{ id: string, status: RefundStatus, reason: string | null, amount: { amount: number, currency: string } }> } | null } | null };

export type OrderStatusChangedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type OrderStatusChangedSubscription = { orderStatusChanged: { id: string, status: OrderStatus, createdAt: string, expiresAt: string | null, total: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number, fulfilledAt: string | null, refundedQuantity: number, refundedAmount: { amount: number, currency: string }, unitPrice: { amount: number, currency: string }, subtotal: { amount: number, currency: string }, product: { id: string }, vendor: { id: string, displayName: string } }>, history: Array<{ from: OrderStatus | null, to: OrderStatus, reason: string | null, at: string }>, shortLines: Array<{ requested: number, available: number, product: { id: string } }> } };

export type CancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus, createdAt: string, expiresAt: string | null, total: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number, fulfilledAt: string | null, refundedQuantity: number, refundedAmount: { amount: number, currency: string }, unitPrice: { amount: number, currency: string }, subtotal: { amount: number, currency: string }, product: { id: string }, vendor: { id: string, displayName: string } }>, history: Array<{ from: OrderStatus | null, to: OrderStatus, reason: string | null, at: string }>, shortLines: Array<{ requested: number, available: number, product: { id: string } }>, payment: { id: string, status: PaymentStatus, checkoutUrl: string | null, refunds: Array<{ id: string, status: RefundStatus, reason: string | null, amount: { amount: number, currency: string } }> } | null } };

export type MyOrdersQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MyOrdersQuery = { myOrders: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: OrderStatus, createdAt: string, total: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number }> } }> } };

export type ProductSummaryFragment = { id: string, name: string, status: ProductStatus, price: { amount: number, currency: string }, vendor: { id: string, displayName: string }, category: { id: string, name: string } | null };

export type StorefrontQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  sort?: ProductSort | null | undefined;
}>;


export type StorefrontQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, status: ProductStatus, price: { amount: number, currency: string }, vendor: { id: string, displayName: string }, category: { id: string, name: string } | null } }> }, categories: Array<{ id: string, name: string, slug: string, parent: { id: string } | null }> };

export type ProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductQuery = { product: { description: string | null, id: string, name: string, status: ProductStatus, stock: { available: number, lowStock: boolean }, price: { amount: number, currency: string }, vendor: { id: string, displayName: string }, category: { id: string, name: string } | null } | null };

export type AuthPayloadFragment = { accessToken: string, refreshToken: string, expiresIn: number, user: { id: string, email: string, displayName: string, role: Role, emailVerified: boolean } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, refreshToken: string, expiresIn: number, user: { id: string, email: string, displayName: string, role: Role, emailVerified: boolean } } };

export type RefreshMutationVariables = Exact<{
  token: string;
}>;


export type RefreshMutation = { refreshToken: { accessToken: string, refreshToken: string, expiresIn: number, user: { id: string, email: string, displayName: string, role: Role, emailVerified: boolean } } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { id: string, email: string } };

export type VerifyEmailMutationVariables = Exact<{
  token: string;
}>;


export type VerifyEmailMutation = { verifyEmail: { id: string, email: string } };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  newPassword: string;
}>;


export type ResetPasswordMutation = { resetPassword: boolean };

export type SalesFiguresFragment = { units: string, revenue: Array<{ amount: string, currency: string }>, byStatus: Array<{ status: OrderStatus, units: string, revenue: Array<{ amount: string, currency: string }> }> };

export type WarehouseFieldsFragment = { id: string, name: string, code: string, active: boolean };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { me: { id: string, displayName: string, products: { edges: Array<{ node: { id: string, name: string, status: ProductStatus, price: { amount: number, currency: string }, category: { id: string, name: string } | null, stock: { available: number, reserved: number, onHand: number, lowStockThreshold: number, lowStock: boolean } } }> }, sales: { units: string, revenue: Array<{ amount: string, currency: string }>, byStatus: Array<{ status: OrderStatus, units: string, revenue: Array<{ amount: string, currency: string }> }> } } | null, myWarehouses: Array<{ id: string, name: string, code: string, active: boolean }>, categories: Array<{ id: string, name: string, slug: string, parent: { id: string } | null }> };

export type VendorProductQueryVariables = Exact<{
  id: string | number;
}>;


export type VendorProductQuery = { product: { id: string, name: string, description: string | null, status: ProductStatus, price: { amount: number, currency: string }, category: { id: string } | null, stock: { available: number, reserved: number, onHand: number, lowStockThreshold: number, lowStock: boolean, levels: Array<{ onHand: number, reserved: number, available: number, warehouse: { id: string, name: string, code: string } }> }, sales: { units: string, revenue: Array<{ amount: string, currency: string }>, byStatus: Array<{ status: OrderStatus, units: string, revenue: Array<{ amount: string, currency: string }> }> } } | null, myWarehouses: Array<{ id: string, name: string, code: string, active: boolean }>, categories: Array<{ id: string, name: string, slug: string, parent: { id: string } | null }> };

export type StockMovementsQueryVariables = Exact<{
  productId: string | number;
}>;


export type StockMovementsQuery = { stockMovements: Array<{ id: string, kind: StockMovementKind, quantity: number, reason: string | null, orderId: string | null, createdAt: string, warehouse: { id: string, code: string } }> };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { createProduct: { id: string } };

export type UpdateProductMutationVariables = Exact<{
  id: string | number;
  input: UpdateProductInput;
}>;


export type UpdateProductMutation = { updateProduct: { id: string, name: string, description: string | null, status: ProductStatus, price: { amount: number, currency: string }, category: { id: string } | null } };

export type ArchiveProductMutationVariables = Exact<{
  id: string | number;
}>;


export type ArchiveProductMutation = { archiveProduct: { id: string, status: ProductStatus } };

export type CreateWarehouseMutationVariables = Exact<{
  input: CreateWarehouseInput;
}>;


export type CreateWarehouseMutation = { createWarehouse: { id: string, name: string, code: string, active: boolean } };

export type UpdateWarehouseMutationVariables = Exact<{
  id: string | number;
  input: UpdateWarehouseInput;
}>;


export type UpdateWarehouseMutation = { updateWarehouse: { id: string, name: string, code: string, active: boolean } };

export type ReceiveStockMutationVariables = Exact<{
  input: ReceiveStockInput;
}>;


export type ReceiveStockMutation = { receiveStock: { onHand: number } };

export type AdjustStockMutationVariables = Exact<{
  input: AdjustStockInput;
}>;


export type AdjustStockMutation = { adjustStock: { onHand: number } };

export type TransferStockMutationVariables = Exact<{
  input: TransferStockInput;
}>;


export type TransferStockMutation = { transferStock: Array<{ onHand: number }> };

export type SetLowStockThresholdMutationVariables = Exact<{
  productId: string | number;
  threshold: number;
}>;


export type SetLowStockThresholdMutation = { setLowStockThreshold: { lowStockThreshold: number } };

export type VendorOrdersQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type VendorOrdersQuery = { vendorOrders: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { order: { id: string, status: OrderStatus, createdAt: string, refunds: Array<{ id: string, status: OrderRefundStatus, lines: Array<{ quantity: number, item: { id: string } }> }> }, subtotal: { amount: number, currency: string }, items: Array<{ id: string, productName: string, quantity: number, fulfilledAt: string | null, refundedQuantity: number, unitPrice: { amount: number, currency: string }, subtotal: { amount: number, currency: string }, product: { id: string }, vendor: { id: string, displayName: string } }> } }> } };

export type FulfillOrderLinesMutationVariables = Exact<{
  orderId: string | number;
}>;


export type FulfillOrderLinesMutation = { fulfillOrderLines: { id: string, status: OrderStatus } };

export type RefundOrderLinesMutationVariables = Exact<{
  orderId: string | number;
  lines: Array<RefundLineInput> | RefundLineInput;
  reason: string;
  restock: boolean;
}>;


export type RefundOrderLinesMutation = { refundOrderLines: { id: string, status: OrderStatus, refunds: Array<{ id: string, status: OrderRefundStatus }> } };
