import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { decodeCaller, REQUEST_ID_HEADER, CALLER_HEADER, type Caller } from '../auth/caller';
import { UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';

/** What every subgraph resolver knows about the request it serves. */
export interface RequestContext {
  caller: Caller;
  requestId: string;
  logger: Logger;
}

export function requestContextFrom(req: Request, logger: Logger): RequestContext {
  const requestId = req.header(REQUEST_ID_HEADER) || randomUUID();
  const caller = decodeCaller(req.header(CALLER_HEADER));
  return { caller, requestId, logger: logger.child({ requestId }) };
}

/** The signed-in caller's id; `UNAUTHENTICATED` for anonymous callers. */
export function callerId(ctx: RequestContext): string {
  if (!ctx.caller.userId) throw new UnauthenticatedError();
  return ctx.caller.userId;
}
