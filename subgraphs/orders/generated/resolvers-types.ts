import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderView as OrderViewModel, OrderItemView as OrderItemViewModel, HistoryView as HistoryViewModel } from '../services/order-rows';
import type { OrderConnectionView as OrderConnectionViewModel, OrderEdgeView as OrderEdgeViewModel, VendorOrderView as VendorOrderViewModel, VendorOrderConnectionView as VendorOrderConnectionViewModel, VendorOrderEdgeView as VendorOrderEdgeViewModel } from '../services/order-queries.service';
import type { OrderRefundView as OrderRefundViewModel, RefundLineView as RefundLineViewModel } from '../services/refund-rows';
import type { SalesView as SalesViewModel, SalesByStatusView as SalesByStatusViewModel } from '../services/sales.service';
import type { OrdersContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. `2026-11-21T10:00:00.000Z`. */
  DateTime: { input: Date; output: Date; }
  /**
   * A signed 64-bit integer as a string of decimal digits, e.g. `"4200000000"` (JSON numbers are
   * exact only up to 2^53 in JavaScript).
   */
  Long: { input: bigint; output: bigint | string | number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An amount of money in integer minor units (cents) of an ISO-4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

/** A sum of money over many orders: 64-bit integer minor units of an ISO-4217 currency. */
export type MoneyTotal = {
  __typename?: 'MoneyTotal';
  amount: Scalars['Long']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The customer: before payment, or after payment while nothing has shipped (refunded). */
  cancelOrder: Order;
  /** A vendor marks its lines of a PAID (or PARTIALLY_REFUNDED) order shipped. */
  fulfillOrderLines: Order;
  /** Verified customers only. */
  placeOrder: Order;
  /**
   * A vendor refunds units of its own lines of a PAID, FULFILLED or PARTIALLY_REFUNDED order (an
   * admin: of any line), each line at most once per request, `reason` 3 to 500 characters and told
   * to the customer. Stripe refunds unit price × units of every line as one partial refund; the
   * returned order lists the request as PENDING until Stripe answers. `restock` puts the units back
   * into the warehouses they were sold from once the money went back.
   */
  refundOrderLines: Order;
  /**
   * Admins only: asks payments again for a line refund still PENDING at least a minute after it was
   * requested (younger ones are still in flight), e.g. after payments gave up on Stripe being
   * unreachable and dead-lettered the request. Payments first looks among the payment's refunds at
   * Stripe for one made for this request and takes it instead of making a second one (one of another
   * amount fails the request, moving no money), so a retry is safe at any age. The answer arrives as
   * for `refundOrderLines`.
   */
  retryOrderRefund: OrderRefund;
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFulfillOrderLinesArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRefundOrderLinesArgs = {
  lines: Array<RefundLineInput>;
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  restock: Scalars['Boolean']['input'];
};


export type MutationRetryOrderRefundArgs = {
  refundId: Scalars['ID']['input'];
};

/**
 * An order; the customer sees all of it, a vendor with lines in it sees only its share (`items`,
 * `total`, `shortLines` of its own lines), everyone else nothing.
 */
export type Order = {
  __typename?: 'Order';
  createdAt: Scalars['DateTime']['output'];
  customer: User;
  /** When an AWAITING_PAYMENT order's reservation runs out. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  history: Array<OrderStatusChange>;
  id: Scalars['ID']['output'];
  items: Array<OrderItem>;
  /** Line refunds, oldest first; a vendor sees those of its lines, with only its lines. */
  refunds: Array<OrderRefund>;
  /** Why a REJECTED order was rejected; a vendor sees only its own short lines. */
  shortLines: Array<ShortLine>;
  status: OrderStatus;
  /**
   * The customer: the order's total (at most 99999999 minor units, the most Stripe takes in one
   * charge; larger orders are refused when placed).
   * A vendor: the subtotal of its own lines.
   */
  total: Money;
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderItem = {
  __typename?: 'OrderItem';
  /** When the vendor marked the line shipped. */
  fulfilledAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  product: Product;
  /** The name and price when the order was placed. */
  productName: Scalars['String']['output'];
  quantity: Scalars['Int']['output'];
  /** The money of those units: unit price × units, exact. */
  refundedAmount: Money;
  /** Units of this line whose money went back (settled refunds only; see `Order.refunds`). */
  refundedQuantity: Scalars['Int']['output'];
  subtotal: Money;
  unitPrice: Money;
  vendor: User;
};

export type OrderLineInput = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

/** One `refundOrderLines` request. */
export type OrderRefund = {
  __typename?: 'OrderRefund';
  /** Σ of the lines' amounts (a vendor: of its own lines). */
  amount: Money;
  /** Why Stripe refused a FAILED refund. */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lines: Array<OrderRefundLine>;
  reason: Scalars['String']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** Whether the units went back into the warehouses they were sold from. */
  restock: Scalars['Boolean']['output'];
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  status: OrderRefundStatus;
};

export type OrderRefundLine = {
  __typename?: 'OrderRefundLine';
  amount: Money;
  item: OrderItem;
  quantity: Scalars['Int']['output'];
};

export const OrderRefundStatus = {
  /** Stripe refused; nothing went back and the units may be refunded again. */
  Failed: 'FAILED',
  /** Asked of Stripe; its units are held against the lines. */
  Pending: 'PENDING',
  /** The money went back; the lines count the units as refunded. */
  Succeeded: 'SUCCEEDED'
} as const;

export type OrderRefundStatus = typeof OrderRefundStatus[keyof typeof OrderRefundStatus];
export const OrderStatus = {
  /** Stock reserved until `expiresAt`; waiting for the customer to pay. */
  AwaitingPayment: 'AWAITING_PAYMENT',
  Cancelled: 'CANCELLED',
  /** The reservation or the checkout session ran out before payment. */
  Expired: 'EXPIRED',
  /** Every vendor shipped its lines. */
  Fulfilled: 'FULFILLED',
  Paid: 'PAID',
  /**
   * Paid (shipped or not), and some units of some lines refunded (`Order.refunds`); the customer
   * paid the total less `OrderItem.refundedAmount` of every line.
   */
  PartiallyRefunded: 'PARTIALLY_REFUNDED',
  /** Placed; stock is being reserved. */
  Pending: 'PENDING',
  /**
   * All the money went back: after a cancellation of a paid order, a payment that arrived after the
   * order expired or was cancelled, or line refunds of every unit.
   */
  Refunded: 'REFUNDED',
  /** Some lines were short of stock; nothing was reserved. */
  Rejected: 'REJECTED'
} as const;

export type OrderStatus = typeof OrderStatus[keyof typeof OrderStatus];
export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  at: Scalars['DateTime']['output'];
  from?: Maybe<OrderStatus>;
  reason?: Maybe<Scalars['String']['output']>;
  to: OrderStatus;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PlaceOrderInput = {
  /**
   * Chosen by the client; placing again with the same key and the same lines returns the same
   * order, with other lines it is a CONFLICT.
   */
  idempotencyKey: Scalars['String']['input'];
  items: Array<OrderLineInput>;
};

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
  /** The owning vendor only. */
  sales: Sales;
};

export type Query = {
  __typename?: 'Query';
  myOrders: OrderConnection;
  order?: Maybe<Order>;
  vendorOrders: VendorOrderConnection;
};


export type QueryMyOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVendorOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

export type RefundLineInput = {
  /** `OrderItem.id` of a line of the order. */
  itemId: Scalars['ID']['input'];
  /** Units to refund: at least 1, at most what is left of the line. */
  quantity: Scalars['Int']['input'];
};

/**
 * What a vendor sold: the lines of orders that were paid, summed as 64-bit integers. Orders that
 * never took money (awaiting payment, rejected, expired, cancelled before payment) are not sales.
 */
export type Sales = {
  __typename?: 'Sales';
  /**
   * Paid orders' lines by the order's status now, net of line refunds: PAID, FULFILLED,
   * PARTIALLY_REFUNDED, CANCELLED (refund on its way), REFUNDED (after a cancellation its units
   * and money; after line refunds of every unit, 0).
   */
  byStatus: Array<SalesByStatus>;
  /** Revenue of those orders less line refunds, one total per currency. */
  revenue: Array<MoneyTotal>;
  /** Units in PAID, FULFILLED and PARTIALLY_REFUNDED orders, less the units line refunds returned. */
  units: Scalars['Long']['output'];
};

export type SalesByStatus = {
  __typename?: 'SalesByStatus';
  revenue: Array<MoneyTotal>;
  status: OrderStatus;
  units: Scalars['Long']['output'];
};

export type ShortLine = {
  __typename?: 'ShortLine';
  available: Scalars['Int']['output'];
  product: Product;
  requested: Scalars['Int']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Served by the gateway over graphql-ws; the order's customer and its vendors only. */
  orderStatusChanged: Order;
};


export type SubscriptionOrderStatusChangedArgs = {
  orderId: Scalars['ID']['input'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's own orders (customers). */
  orders: OrderConnection;
  /** The vendor's own sales. */
  sales: Sales;
};


export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

/** A vendor's share of an order: its lines and their subtotal. */
export type VendorOrder = {
  __typename?: 'VendorOrder';
  items: Array<OrderItem>;
  order: Order;
  subtotal: Money;
};

export type VendorOrderConnection = {
  __typename?: 'VendorOrderConnection';
  edges: Array<VendorOrderEdge>;
  pageInfo: PageInfo;
};

export type VendorOrderEdge = {
  __typename?: 'VendorOrderEdge';
  cursor: Scalars['String']['output'];
  node: VendorOrder;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Order: Order;
  Product: Product;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Long: ResolverTypeWrapper<Scalars['Long']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  MoneyTotal: ResolverTypeWrapper<MoneyTotal>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Order: ResolverTypeWrapper<OrderViewModel>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionViewModel>;
  OrderEdge: ResolverTypeWrapper<OrderEdgeViewModel>;
  OrderItem: ResolverTypeWrapper<OrderItemViewModel>;
  OrderLineInput: OrderLineInput;
  OrderRefund: ResolverTypeWrapper<OrderRefundViewModel>;
  OrderRefundLine: ResolverTypeWrapper<RefundLineViewModel>;
  OrderRefundStatus: OrderRefundStatus;
  OrderStatus: OrderStatus;
  OrderStatusChange: ResolverTypeWrapper<HistoryViewModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlaceOrderInput: PlaceOrderInput;
  Product: ResolverTypeWrapper<{ id: string }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefundLineInput: RefundLineInput;
  Sales: ResolverTypeWrapper<SalesViewModel>;
  SalesByStatus: ResolverTypeWrapper<SalesByStatusViewModel>;
  ShortLine: ResolverTypeWrapper<Omit<ShortLine, 'product'> & { product: ResolversTypes['Product'] }>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<{ id: string }>;
  VendorOrder: ResolverTypeWrapper<VendorOrderViewModel>;
  VendorOrderConnection: ResolverTypeWrapper<VendorOrderConnectionViewModel>;
  VendorOrderEdge: ResolverTypeWrapper<VendorOrderEdgeViewModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  Long: Scalars['Long']['output'];
  Money: Money;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  MoneyTotal: MoneyTotal;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  Order: OrderViewModel;
  OrderConnection: OrderConnectionViewModel;
  OrderEdge: OrderEdgeViewModel;
  OrderItem: OrderItemViewModel;
  OrderLineInput: OrderLineInput;
  OrderRefund: OrderRefundViewModel;
  OrderRefundLine: RefundLineViewModel;
  OrderStatusChange: HistoryViewModel;
  PageInfo: PageInfo;
  PlaceOrderInput: PlaceOrderInput;
  Product: { id: string };
  Query: Record<PropertyKey, never>;
  RefundLineInput: RefundLineInput;
  Sales: SalesViewModel;
  SalesByStatus: SalesByStatusViewModel;
  ShortLine: Omit<ShortLine, 'product'> & { product: ResolversParentTypes['Product'] };
  Subscription: Record<PropertyKey, never>;
  User: { id: string };
  VendorOrder: VendorOrderViewModel;
  VendorOrderConnection: VendorOrderConnectionViewModel;
  VendorOrderEdge: VendorOrderEdgeViewModel;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface LongScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Long'], any> {
  name: 'Long';
}

export type MoneyResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MoneyTotalResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['MoneyTotal'] = ResolversParentTypes['MoneyTotal']> = {
  amount?: Resolver<ResolversTypes['Long'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  fulfillOrderLines?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationFulfillOrderLinesArgs, 'orderId'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  refundOrderLines?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationRefundOrderLinesArgs, 'lines' | 'orderId' | 'reason' | 'restock'>>;
  retryOrderRefund?: Resolver<ResolversTypes['OrderRefund'], ParentType, ContextType, RequireFields<MutationRetryOrderRefundArgs, 'refundId'>>;
};

export type OrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['OrderStatusChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['OrderItem']>, ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['OrderRefund']>, ParentType, ContextType>;
  shortLines?: Resolver<Array<ResolversTypes['ShortLine']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderItemResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderItem'] = ResolversParentTypes['OrderItem']> = {
  fulfilledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refundedAmount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refundedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type OrderRefundResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderRefund'] = ResolversParentTypes['OrderRefund']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderRefundLine']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  restock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderRefundStatus'], ParentType, ContextType>;
};

export type OrderRefundLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderRefundLine'] = ResolversParentTypes['OrderRefundLine']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['OrderItem'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderStatusChangeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderStatusChange'] = ResolversParentTypes['OrderStatusChange']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['Sales'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  myOrders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryMyOrdersArgs, 'first'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  vendorOrders?: Resolver<ResolversTypes['VendorOrderConnection'], ParentType, ContextType, RequireFields<QueryVendorOrdersArgs, 'first'>>;
};

export type SalesResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Sales'] = ResolversParentTypes['Sales']> = {
  byStatus?: Resolver<Array<ResolversTypes['SalesByStatus']>, ParentType, ContextType>;
  revenue?: Resolver<Array<ResolversTypes['MoneyTotal']>, ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Long'], ParentType, ContextType>;
};

export type SalesByStatusResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['SalesByStatus'] = ResolversParentTypes['SalesByStatus']> = {
  revenue?: Resolver<Array<ResolversTypes['MoneyTotal']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Long'], ParentType, ContextType>;
};

export type ShortLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ShortLine'] = ResolversParentTypes['ShortLine']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  orderStatusChanged?: SubscriptionResolver<ResolversTypes['Order'], "orderStatusChanged", ParentType, ContextType, RequireFields<SubscriptionOrderStatusChangedArgs, 'orderId'>>;
};

export type UserResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
  sales?: Resolver<ResolversTypes['Sales'], ParentType, ContextType>;
};

export type VendorOrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['VendorOrder'] = ResolversParentTypes['VendorOrder']> = {
  items?: Resolver<Array<ResolversTypes['OrderItem']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type VendorOrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['VendorOrderConnection'] = ResolversParentTypes['VendorOrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VendorOrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VendorOrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['VendorOrderEdge'] = ResolversParentTypes['VendorOrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['VendorOrder'], ParentType, ContextType>;
};

export type Resolvers<ContextType = OrdersContext> = {
  DateTime?: GraphQLScalarType;
  Long?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  MoneyTotal?: MoneyTotalResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderItem?: OrderItemResolvers<ContextType>;
  OrderRefund?: OrderRefundResolvers<ContextType>;
  OrderRefundLine?: OrderRefundLineResolvers<ContextType>;
  OrderStatusChange?: OrderStatusChangeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Sales?: SalesResolvers<ContextType>;
  SalesByStatus?: SalesByStatusResolvers<ContextType>;
  ShortLine?: ShortLineResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  VendorOrder?: VendorOrderResolvers<ContextType>;
  VendorOrderConnection?: VendorOrderConnectionResolvers<ContextType>;
  VendorOrderEdge?: VendorOrderEdgeResolvers<ContextType>;
};

