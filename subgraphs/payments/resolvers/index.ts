import { DateTime } from '../../../lib/graphql/date-time';
import type { Resolvers } from '../generated/resolvers-types';
import { Order } from './order';
import { Payment } from './payment';
import { Query } from './query';
import { Refund } from './refund';

/** Checked against the generated `Resolvers`; the server takes them as they are. */
export const paymentsResolvers: Resolvers = {
  DateTime,
  Query,
  Order,
  Payment,
  Refund,
};
