import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Histogram } from 'prom-client';
import { CALLER_HEADER, encodeCaller, REQUEST_ID_HEADER, SECRET_HEADER } from '../lib/auth/caller';
import type { GatewayContext } from './caller-from-request';
import { dedupeRepresentations, expandEntities } from './representation-dedupe';
import { subgraphFetcher } from './subgraph-fetcher';

/** Sends each subgraph request with the shared secret, the caller and the request id. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    /** `bazaar_gateway_subgraph_fetch_duration_seconds`, labelled with this subgraph's name. */
    private readonly fetchDuration?: {
      histogram: Histogram<'subgraph' | 'outcome'>;
      subgraph: string;
    },
    /** How requests are sent; default {@link subgraphFetcher} (one per data source). */
    fetcher: RemoteGraphQLDataSource['fetcher'] = subgraphFetcher(),
  ) {
    super({ url, fetcher });
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    if (!this.fetchDuration) return this.processDeduped(options);
    const { histogram, subgraph } = this.fetchDuration;
    const stopTimer = histogram.startTimer({ subgraph });
    try {
      const response = await this.processDeduped(options);
      stopTimer({ outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      throw error;
    }
  }

  /** Sends an entity fetch's identical representations once ({@link dedupeRepresentations}). */
  private async processDeduped(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const variables = options.request.variables;
    const representations = variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2) {
      return super.process(options);
    }
    const { unique, positions } = dedupeRepresentations(representations);
    if (unique.length === representations.length) return super.process(options);
    const response = await super.process({
      ...options,
      request: { ...options.request, variables: { ...variables, representations: unique } },
    });
    return expandEntities(response, positions);
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
