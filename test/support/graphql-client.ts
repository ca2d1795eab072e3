import { postGraphQL } from '../../lib/graphql/http-client';

/** A GraphQL response as the client sees it, with the HTTP status. */
export interface GraphQLResult<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, any>;
  }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** POSTs one operation to a GraphQL endpoint, exactly as a browser or app would. */
export function graphql<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResult<Data>> {
  return postGraphQL<Data>(url, query, variables, {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  }) as Promise<GraphQLResult<Data>>;
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** How many answers carried each error code (`ok` for none): what a burst of requests got. */
export function countErrorCodes(results: GraphQLResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const code = errorCode(result) ?? 'ok';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}
