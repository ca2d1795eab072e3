import { DateTime } from '../../../lib/graphql/date-time';
import { Long } from '../../../lib/graphql/long';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Order } from './order';
import { OrderItem } from './order-item';
import { OrderRefund, OrderRefundLine } from './order-refund';
import { Product } from './product';
import { Query } from './query';
import { User } from './user';
import { VendorOrder } from './vendor-order';

/** Checked against the generated `Resolvers`; the server takes them as they are. */
export const ordersResolvers: Resolvers = {
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
