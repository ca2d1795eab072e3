import type { IncomingMessage } from 'node:http';
import { createLogger } from '../logger';
import { REQUEST_ID_HEADER } from '../auth/caller';
import { requestContextFrom } from './request-context';

const REQUEST_ID = '7f2c1d0e-1111-4222-8333-944455556666';

function contextLogging(lines: string[]) {
  const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  const req = { headers: { [REQUEST_ID_HEADER]: REQUEST_ID } } as unknown as IncomingMessage;
  return requestContextFrom(req, logger);
}

describe('requestContextFrom', () => {
  it("gives a logger that tags every line with the request's id", () => {
    const lines: string[] = [];
    contextLogging(lines).logger.info('hello');
    expect(JSON.parse(lines[0])).toMatchObject({ requestId: REQUEST_ID, msg: 'hello' });
  });

  it('keeps that logger in a context spread from it (as the subgraphs build theirs)', () => {
    const lines: string[] = [];
    const spread = { ...contextLogging(lines), extra: true };
    spread.logger.warn('from a copy');
    expect(JSON.parse(lines[0])).toMatchObject({ requestId: REQUEST_ID, msg: 'from a copy' });
  });
});
