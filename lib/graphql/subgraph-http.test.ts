import type { IncomingMessage } from 'node:http';
import { isPlainGraphQLPost } from './subgraph-http';

const request = (
  headers: Record<string, string>,
  method = 'POST',
  url = '/graphql',
): IncomingMessage =>
  ({
    method,
    url,
    headers: { 'content-type': 'application/json', 'content-length': '120', ...headers },
  }) as unknown as IncomingMessage;

describe('isPlainGraphQLPost', () => {
  it('takes the JSON POST the gateway sends', () => {
    expect(isPlainGraphQLPost(request({}))).toBe(true);
    expect(isPlainGraphQLPost(request({ 'content-type': 'application/json; charset=utf-8' }))).toBe(
      true,
    );
  });

  it.each([
    ['a GET', request({}, 'GET')],
    ['another path', request({}, 'POST', '/graphql?x=1')],
    ['another media type', request({ 'content-type': 'text/plain' })],
    ['another charset', request({ 'content-type': 'application/json; charset=latin1' })],
    ['a gzipped body', request({ 'content-encoding': 'gzip' })],
    ['a body of unknown length', request({ 'content-length': '' })],
    ['a chunked body', request({ 'transfer-encoding': 'chunked' })],
    ['a body over the limit', request({ 'content-length': String(1024 * 1024 + 1) })],
  ])('leaves %s to Express and its error answers', (_case, req) => {
    expect(isPlainGraphQLPost(req)).toBe(false);
  });
});
