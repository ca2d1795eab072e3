import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerHeaders, subgraphFetcher } from './subgraph-fetcher';

describe('subgraphFetcher', () => {
  let server: Server;
  let url: string;
  const received: Array<{ method?: string; headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'max-age=30, public');
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end(JSON.stringify({ data: { echo: body } }));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('sends the method, headers and body, and answers status, headers and JSON', async () => {
    const fetcher = subgraphFetcher();
    const body = JSON.stringify({ query: '{ é }' });
    for (let round = 0; round < 2; round += 1) {
      const response = await fetcher(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bazaar-caller': 'c' },
        body,
      });
      expect(response.status).toBe(200);
      expect(response.ok).toBe(true);
      expect(response.headers.get('cache-control')).toBe('max-age=30, public');
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(await response.json()).toEqual({ data: { echo: body } });
    }
    expect(received.slice(-2).map(({ method, body: sent }) => ({ method, sent }))).toEqual([
      { method: 'POST', sent: body },
      { method: 'POST', sent: body },
    ]);
    expect(received.at(-1)!.headers).toMatchObject({
      'x-bazaar-caller': 'c',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('answers a non-2xx status as not ok, with its body readable as text', async () => {
    const response = await subgraphFetcher()(`${url}/missing`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe(JSON.stringify({ data: { echo: 'x' } }));
  });
});

describe('AnswerHeaders', () => {
  it('reads like fetch Headers: any case, repeats joined, sorted iteration', () => {
    const headers = new AnswerHeaders({
      'set-cookie': ['a=1', 'b=2'],
      'cache-control': 'no-store',
    });
    expect(headers.get('Set-Cookie')).toBe('a=1, b=2');
    expect(headers.has('CACHE-CONTROL')).toBe(true);
    expect(headers.get('vary')).toBeNull();
    headers.append('Vary', 'Origin');
    headers.append('vary', 'Authorization');
    headers.delete('set-cookie');
    expect([...headers]).toEqual([
      ['cache-control', 'no-store'],
      ['vary', 'Origin, Authorization'],
    ]);
  });
});
