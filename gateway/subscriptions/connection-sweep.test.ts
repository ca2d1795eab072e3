import { ConnectionSweep, type SweptSocket } from './connection-sweep';

const EXPIRED = { code: 4403, reason: 'Access token expired' };
/** The sweep's own timer never fires during a test: each sweep is called with its time. */
const NEVER = 2 ** 31 - 1;

/** A socket that records what the sweep did to it. */
const socket = () => {
  const done: string[] = [];
  const swept: SweptSocket & { done: string[] } = {
    done,
    ping: () => done.push('ping'),
    terminate: () => done.push('terminate'),
    close: (code, reason) => done.push(`close ${code} ${reason}`),
  };
  return swept;
};

describe('ConnectionSweep', () => {
  let sweep: ConnectionSweep<ReturnType<typeof socket>>;
  afterEach(() => sweep.stop());

  it('closes a socket once its token has expired, and only once', () => {
    const [soon, later] = [socket(), socket()];
    sweep = new ConnectionSweep({ sockets: () => [], expired: EXPIRED, tickMs: NEVER });
    sweep.expireAt(soon, 1_000);
    sweep.expireAt(later, 5_000);
    sweep.sweep(999);
    expect(soon.done).toEqual([]);
    sweep.sweep(1_000);
    sweep.sweep(2_000);
    expect(soon.done).toEqual(['close 4403 Access token expired']);
    expect(later.done).toEqual([]);
  });

  it('pings every keep-alive round and terminates a socket that did not answer the last ping', () => {
    const [alive, silent] = [socket(), socket()];
    sweep = new ConnectionSweep({
      sockets: () => [alive, silent],
      expired: EXPIRED,
      keepAliveMs: 100,
      tickMs: NEVER,
    });
    // After the sweep is made: its first round is due keepAliveMs after it was made, so a clock
    // read before it could be a millisecond early and the round at start + 100 not yet due.
    const start = Date.now();
    sweep.sweep(start + 50);
    expect(alive.done).toEqual([]);
    sweep.sweep(start + 100);
    sweep.answered(alive);
    sweep.sweep(start + 200);
    expect(alive.done).toEqual(['ping', 'ping']);
    expect(silent.done).toEqual(['ping', 'terminate']);
  });

  it('forgets a closed socket: no expiry, no termination', () => {
    const gone = socket();
    sweep = new ConnectionSweep({
      sockets: () => [gone],
      expired: EXPIRED,
      keepAliveMs: 100,
      tickMs: NEVER,
    });
    const start = Date.now(); // after the sweep is made, as above
    sweep.expireAt(gone, start + 150);
    sweep.sweep(start + 100);
    sweep.forget(gone);
    sweep.sweep(start + 200);
    expect(gone.done).toEqual(['ping', 'ping']);
  });
});
