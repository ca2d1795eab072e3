import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decodeCaller, REQUEST_ID_HEADER, CALLER_HEADER, type Caller } from '../auth/caller';
import { UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';

/** What every subgraph resolver knows about the request it serves. */
export interface RequestContext {
  caller: Caller;
  requestId: string;
  logger: Logger;
}

export function requestContextFrom(req: IncomingMessage, logger: Logger): RequestContext {
  const requestId = oneHeader(req, REQUEST_ID_HEADER) || randomUUID();
  const caller = decodeCaller(oneHeader(req, CALLER_HEADER));
  return { caller, requestId, logger: logger.child({ requestId }) };
}

/** The signed-in caller's id; `UNAUTHENTICATED` for anonymous callers. */
export function callerId(ctx: RequestContext): string {
  if (!ctx.caller.userId) throw new UnauthenticatedError();
  return ctx.caller.userId;
}

/**
 * A header's value. Node joins a repeated custom header with ", " (a forged caller header then
 * fails to decode and counts as anonymous); only a few standard headers arrive as arrays.
 */
function oneHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
