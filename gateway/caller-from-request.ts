import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { AccessTokenVerifier } from '../lib/auth/access-token';
import { ANONYMOUS, REQUEST_ID_HEADER, type Caller } from '../lib/auth/caller';

/** The gateway's per-request context: who is calling, and the id that follows the request. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
}

/**
 * Establishes the caller from `Authorization: Bearer <access token>`. No header means anonymous;
 * a bad or expired token is refused with 401, so a client knows to refresh instead of silently
 * seeing anonymous results.
 */
export async function contextFromRequest(
  req: Request,
  verify: AccessTokenVerifier,
): Promise<GatewayContext> {
  const requestId = validRequestId(req.header(REQUEST_ID_HEADER)) ?? randomUUID();
  const caller = await callerFromAuthorization(req.header('authorization'), req.ip ?? null, verify);
  return { caller, requestId };
}

/** The caller behind an `Authorization` value (HTTP header or WebSocket connection params). */
export async function callerFromAuthorization(
  authorization: string | undefined,
  ip: string | null,
  verify: AccessTokenVerifier,
): Promise<Caller> {
  if (!authorization) return { ...ANONYMOUS, ip };
  const token = bearerToken(authorization);
  const claims = token ? await verify(token) : null;
  if (!claims) {
    throw new GraphQLError('Invalid or expired access token', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return {
    userId: claims.userId,
    role: claims.role,
    emailVerified: claims.emailVerified,
    ip,
    displayName: claims.displayName,
    displayNameAt: claims.displayNameAt,
  };
}

/** The token of `Bearer <token>`, or null for any other form. */
export function bearerToken(authorization: string): string | null {
  return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null;
}

/** A client may pass its own request id for tracing; only sane ones are kept. */
function validRequestId(value: string | undefined): string | undefined {
  return value && /^[\w.-]{8,64}$/.test(value) ? value : undefined;
}
