import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { PaymentsContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { Order } from './order';
import { Payment } from './payment';
import { Query } from './query';
import { Refund } from './refund';

const resolvers: Resolvers = {
  DateTime,
  Query,
  Order,
  Payment,
  Refund,
};

/**
 * Checked against the generated `Resolvers`, then handed over as Apollo's map, whose field
 * resolver signature cannot express `__resolveReference(reference, context)`.
 */
export const paymentsResolvers = resolvers as GraphQLResolverMap<PaymentsContext>;
