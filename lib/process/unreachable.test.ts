import { addressOf, connectionFailureReason, unreachable } from './unreachable';

describe('the words for a server that cannot be reached', () => {
  it('names the variable, the server, the address and the reason', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(unreachable('DATABASE_URL', 'PostgreSQL', '127.0.0.1:1', refused).message).toBe(
      'DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)',
    );
  });

  it('reads NATS errors, whose code sits in the cause, and time-outs', () => {
    const nats = Object.assign(new Error('connection refused'), {
      name: 'ConnectionError',
      cause: { code: 'ECONNREFUSED' },
    });
    expect(connectionFailureReason(nats)).toBe('connection refused');
    expect(
      connectionFailureReason(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
    ).toBe('no answer');
  });

  it("keeps PostgreSQL's own message for a refused login", () => {
    const login = Object.assign(new Error('role "nobody" does not exist'), { code: '28000' });
    expect(connectionFailureReason(login)).toBe('login refused: role "nobody" does not exist');
  });

  it('never shows the credentials of the URL', () => {
    expect(addressOf('postgres://user:secret@db.internal/bazaar', 5432)).toBe('db.internal:5432');
    expect(addressOf('nats://a:secret@n1:4223, n2', 4222)).toBe('n1:4223, n2:4222');
  });
});
