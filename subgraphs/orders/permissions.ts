import { allow, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ForbiddenError, UnauthenticatedError } from '../../lib/errors';
import {
  emailNotVerified,
  isAdmin,
  isAuthenticated,
  isCustomer,
  isVendor,
} from '../../lib/graphql/rules';
import type { OrdersContext } from './context';

/** Customers whose email is verified: the only ones who may place orders. */
const isVerifiedCustomer = rule({ cache: 'contextual' })((_parent, _args, ctx: OrdersContext) => {
  if (!ctx.caller.userId) return new UnauthenticatedError();
  if (ctx.caller.role !== 'CUSTOMER') return new ForbiddenError('Only customers can order');
  return ctx.caller.emailVerified || emailNotVerified('order');
});

/** Vendors refund their own lines, admins any line; the service tells which lines are whose. */
const isVendorOrAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: OrdersContext) => {
  if (!ctx.caller.userId) return new UnauthenticatedError();
  return (
    ctx.caller.role === 'VENDOR' ||
    ctx.caller.role === 'ADMIN' ||
    new ForbiddenError('Only vendors and admins can refund')
  );
});

/** The user is the caller. */
const isSelf = rule({ cache: 'strict' })(
  (user: { id: string }, _args, ctx: OrdersContext) =>
    (ctx.caller.userId !== null && user.id.toLowerCase() === ctx.caller.userId) ||
    new ForbiddenError(),
);

/**
 * Who may read and call what in the orders subgraph; anything unlisted is denied. Which orders
 * and lines a caller sees is decided by the resolvers (customer: all; vendor: its lines).
 */
export const ordersPermissions: IRules = {
  Query: { order: isAuthenticated, myOrders: isAuthenticated, vendorOrders: isVendor },
  Mutation: {
    placeOrder: isVerifiedCustomer,
    cancelOrder: isCustomer,
    fulfillOrderLines: isVendor,
    refundOrderLines: isVendorOrAdmin,
    retryOrderRefund: isAdmin,
  },
  Order: allow,
  OrderItem: allow,
  OrderRefund: allow,
  OrderRefundLine: allow,
  ShortLine: allow,
  OrderStatusChange: allow,
  OrderEdge: allow,
  OrderConnection: allow,
  VendorOrder: allow,
  VendorOrderEdge: allow,
  VendorOrderConnection: allow,
  Sales: allow,
  SalesByStatus: allow,
  Money: allow,
  MoneyTotal: allow,
  PageInfo: allow,
  // Product.sales checks ownership in its resolver, which knows the product's vendor.
  Product: { id: allow, sales: isVendor },
  User: { id: allow, orders: isSelf, sales: isSelf },
};
