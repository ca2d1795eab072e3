/** A GraphQL response as the client sees it, with the HTTP status. */
export interface GraphQLResult<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** POSTs one operation to a GraphQL endpoint, exactly as a browser or app would. */
export async function graphql<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<Data>, 'status'>;
  return { status: response.status, ...body };
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
