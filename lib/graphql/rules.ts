import { rule } from 'graphql-shield';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { RequestContext } from './request-context';

/** Shared graphql-shield rules; subgraph-specific ones live in the subgraph's permissions.ts. */

export const isAuthenticated = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) => ctx.caller.userId !== null || new UnauthenticatedError(),
);

export const isAdmin = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) => ctx.caller.role === 'ADMIN' || new ForbiddenError(),
);

export const isVendor = rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
  if (!ctx.caller.userId) return new UnauthenticatedError();
  return ctx.caller.role === 'VENDOR' || new ForbiddenError('Only vendors can do this');
});

export const isCustomer = rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
  if (!ctx.caller.userId) return new UnauthenticatedError();
  return ctx.caller.role === 'CUSTOMER' || new ForbiddenError('Only customers can do this');
});
