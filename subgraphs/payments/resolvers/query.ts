import { callerId } from '../../../lib/graphql/request-context';
import type { QueryResolvers } from '../generated/resolvers-types';
import { paymentsPageKey } from '../validation';

export const Query: QueryResolvers = {
  /** The caller's own payments only: the page is keyed by the caller, never by an argument. */
  payments: (_, args, ctx) => ctx.services.queries.page(paymentsPageKey(callerId(ctx), args)),
};
