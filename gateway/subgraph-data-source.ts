import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Histogram } from 'prom-client';
import {
  CALLER_HEADER,
  encodeCaller,
  REQUEST_ID_HEADER,
  SECRET_HEADER,
  type Caller,
} from '../lib/auth/caller';
import type { GatewayContext } from './caller-from-request';
import { dedupeRepresentations, expandEntities } from './representation-dedupe';
import { subgraphFetcher } from './subgraph-fetcher';

type SubgraphResult = ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>;

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

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): SubgraphResult {
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
  ): SubgraphResult {
    const variables = options.request.variables;
    const representations = variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2) return this.send(options);
    const { unique, positions } = dedupeRepresentations(representations);
    if (unique.length === representations.length) return this.send(options);
    const response = await this.send({
      ...options,
      request: { ...options.request, variables: { ...variables, representations: unique } },
    });
    return expandEntities(response, positions);
  }

  /**
   * `RemoteGraphQLDataSource.process` as this gateway uses it (no APQ, no `didReceiveResponse`),
   * without the node-fetch `Headers` and `Request` it builds per subgraph request for hooks
   * nobody here implements (a few percent of the gateway's CPU): the headers go to the fetcher
   * as a plain object. The same answers, errors and cache-control hints as the library's.
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): SubgraphResult {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // Only the gateway's inline tracing (off: no Apollo usage reporting) adds headers here.
    for (const [name, value] of request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers[SECRET_HEADER] = this.secret;
    // The gateway's own requests (health checks) carry no context.
    if ('caller' in context && context.caller) {
      headers[CALLER_HEADER] = callerHeader(context.caller);
      headers[REQUEST_ID_HEADER] = context.requestId;
    }
    const { http: _http, ...body } = request;
    const response = await this.fetcher(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await this.errorFromResponse(response);
    const parsed = await this.parseBody(response);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    }
    if (this.honorSubgraphCacheControlHeader && 'incomingRequestContext' in options) {
      options.incomingRequestContext.overallCachePolicy?.restrict(
        cacheHint(response.headers.get('cache-control')),
      );
    }
    return { ...parsed, http: response };
  }
}

/** A request's caller, encoded once for its several subgraph requests. */
const encodedCallers = new WeakMap<Caller, string>();

function callerHeader(caller: Caller): string {
  let encoded = encodedCallers.get(caller);
  if (encoded === undefined) {
    encoded = encodeCaller(caller);
    encodedCallers.set(caller, encoded);
  }
  return encoded;
}

/** A subgraph answer's `Cache-Control` as a hint, read as `RemoteGraphQLDataSource` reads it. */
export function cacheHint(header: string | null): {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
} {
  const directives = new Map<string, string | true>();
  for (const part of header?.trim().split(/\s*,\s*/) ?? []) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  return {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.get('private') === true ? { scope: 'PRIVATE' as const } : {}),
    ...(directives.get('public') === true ? { scope: 'PUBLIC' as const } : {}),
  };
}
