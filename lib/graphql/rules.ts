import { rule } from 'graphql-shield';
import { BazaarError, ForbiddenError, UnauthenticatedError } from '../errors';
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

/**
 * `FORBIDDEN` with `reason: EMAIL_NOT_VERIFIED`, so a client can tell "verify first" from "never":
 * `action` completes "Verify your email address to …".
 */
export function emailNotVerified(action: string): BazaarError {
  return new BazaarError('FORBIDDEN', `Verify your email address to ${action}`, {
    reason: 'EMAIL_NOT_VERIFIED',
  });
}

/**
 * A vendor whose email address is verified (the access token's claim, forwarded by the gateway):
 * only they may do what customers will see, such as `action` ("open warehouses").
 */
export function isVerifiedVendor(action: string) {
  return rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
    if (!ctx.caller.userId) return new UnauthenticatedError();
    if (ctx.caller.role !== 'VENDOR') return new ForbiddenError('Only vendors can do this');
    return ctx.caller.emailVerified || emailNotVerified(action);
  });
}
