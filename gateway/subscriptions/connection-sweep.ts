/** What the sweep does to a WebSocket (the `ws` library's socket has all of it). */
export interface SweptSocket {
  ping(): void;
  terminate(): void;
  close(code: number, reason: string): void;
}

export interface ConnectionSweepOptions<S extends SweptSocket> {
  /** The open sockets (the WebSocket server's `clients`). */
  sockets: () => Iterable<S>;
  /** How a socket whose access token has expired is closed. */
  expired: { code: number; reason: string };
  /**
   * A socket is pinged every `keepAliveMs` and terminated if it has not answered by the next
   * round, as graphql-ws does by default with a timer per socket. Default 12 s.
   */
  keepAliveMs?: number;
  /** How often expiries are checked: a socket is closed at most this late. Default 1 s. */
  tickMs?: number;
}

/**
 * One timer for every connection, instead of two per connection (graphql-ws's keep-alive, and
 * the access token's expiry): pings the sockets and drops those that stopped answering, and
 * closes the sockets whose access token has expired.
 */
export class ConnectionSweep<S extends SweptSocket> {
  private readonly expiries = new Map<S, number>();
  private unanswered = new Set<S>();
  private nextPingAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly keepAliveMs: number;

  constructor(private readonly options: ConnectionSweepOptions<S>) {
    this.keepAliveMs = options.keepAliveMs ?? 12_000;
    this.nextPingAt = Date.now() + this.keepAliveMs;
    this.timer = setInterval(() => this.sweep(Date.now()), options.tickMs ?? 1000);
  }

  /** Call on every pong: the socket is alive. */
  answered(socket: S): void {
    this.unanswered.delete(socket);
  }

  /** Closes `socket` once `atMs` (epoch milliseconds) has passed. */
  expireAt(socket: S, atMs: number): void {
    this.expiries.set(socket, atMs);
  }

  /** Call when a socket has closed. */
  forget(socket: S): void {
    this.expiries.delete(socket);
    this.unanswered.delete(socket);
  }

  /** One round at `now`: what the timer runs (tests call it with a clock of their own). */
  sweep(now: number): void {
    for (const [socket, at] of this.expiries) {
      if (at > now) continue;
      this.expiries.delete(socket);
      socket.close(this.options.expired.code, this.options.expired.reason);
    }
    if (now < this.nextPingAt) return;
    this.nextPingAt = now + this.keepAliveMs;
    const silent = this.unanswered;
    this.unanswered = new Set();
    for (const socket of this.options.sockets()) {
      if (silent.has(socket)) {
        this.forget(socket);
        socket.terminate();
      } else {
        this.unanswered.add(socket);
        socket.ping();
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
