import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logger';

/** The largest request body a subgraph reads, in bytes (Express's parser takes the same number). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Whether a request can skip Express: a POST to exactly `/graphql` with a JSON body of declared
 * length within the limit and no content encoding, which is every request the gateway sends.
 * Anything else (no length, gzip, another charset, an oversized body) goes through Express's
 * body parser and its error answers as before.
 */
export function isPlainGraphQLPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const type = req.headers['content-type'];
  if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return false;
  if (req.headers['content-encoding'] || req.headers['transfer-encoding']) return false;
  const length = Number(req.headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= BODY_LIMIT_BYTES;
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The GraphQL-style error body of the subgraphs' HTTP answers. */
export function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Serves a {@link isPlainGraphQLPost} request straight from Node's HTTP server to Apollo: the
 * Express router, body-parser and `res.send` were about a tenth of a subgraph's CPU per
 * gateway request. Answers as the Express route does: 401 without the secret (checked before the
 * body is read), 400 `BAD_REQUEST` for a body that is not a JSON object or array, and whatever
 * Apollo answers otherwise.
 */
export function directGraphQLHandler<Context extends BaseContext>(options: {
  apollo: ApolloServer<Context>;
  authorized(req: IncomingMessage): boolean;
  context(req: IncomingMessage): Promise<Context>;
  /** Runs each request's handling (statement counting's scope). */
  around<T>(work: () => T): T;
  logger: Logger;
}): RequestListener {
  const { apollo, logger } = options;
  const execute = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    let body: unknown;
    // As body-parser: a byte order mark is dropped, and in its strict mode only an object or an
    // array is JSON here (after JSON's own whitespace).
    const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      body = /^[ \t\n\r]*[{[]/.test(json) ? JSON.parse(json) : undefined;
    } catch {
      body = undefined;
    }
    if (body === undefined) {
      answerJson(res, 400, errorBody('BAD_REQUEST', 'The request body is not valid JSON'));
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: () => options.context(req),
    });
    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    if (!options.authorized(req)) {
      req.resume();
      answerJson(res, 401, errorBody('UNAUTHENTICATED', 'Subgraphs answer the gateway only'));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      options
        .around(() => execute(req, res, text))
        .catch((error: unknown) => {
          logger.error({ err: error, path: req.url }, 'unexpected error in an HTTP route');
          if (res.headersSent) return res.destroy();
          answerJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
        });
    });
  };
}
