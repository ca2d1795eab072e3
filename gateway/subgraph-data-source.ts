import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, encodeCaller, REQUEST_ID_HEADER, SECRET_HEADER } from '../lib/auth/caller';
import type { GatewayContext } from './caller-from-request';

/** Sends each subgraph request with the shared secret, the caller and the request id. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(SECRET_HEADER, this.secret);
    // The gateway's own requests (health checks) carry no context.
    if ('caller' in context && context.caller) {
      headers.set(CALLER_HEADER, encodeCaller(context.caller));
      headers.set(REQUEST_ID_HEADER, context.requestId);
    }
  }
}
