import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import { Long } from '../../../lib/graphql/long';
import type { OrdersContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Order } from './order';
import { OrderItem } from './order-item';
import { OrderRefund, OrderRefundLine } from './order-refund';
import { Product } from './product';
import { Query } from './query';
import { User } from './user';
import { VendorOrder } from './vendor-order';

const resolvers: Resolvers = {
  DateTime,
  Long,
  Query,
  Mutation,
  Order,
  OrderItem,
  OrderRefund,
  OrderRefundLine,
  VendorOrder,
  User,
  Product,
};

/**
 * Checked against the generated `Resolvers`, then handed over as Apollo's map, whose field
 * resolver signature cannot express `__resolveReference(reference, context)`.
 */
export const ordersResolvers = resolvers as GraphQLResolverMap<OrdersContext>;
