import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { PaymentsContext } from '../context';
import { Order } from './order';
import { Payment } from './payment';
import { Query } from './query';
import { Refund } from './refund';

export const paymentsResolvers: GraphQLResolverMap<PaymentsContext> = {
  DateTime,
  Query,
  Order,
  Payment,
  Refund,
};
