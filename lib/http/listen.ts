import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopStep } from '../process/shutdown';
import { StartupError } from '../process/startup-error';

/** How long an idle keep-alive connection stays open on the server side. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface Listening {
  server: Server;
  /** Base URL, e.g. `http://localhost:4001`. */
  url: string;
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** Stops accepting, lets open requests finish for up to `graceMs`, then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

/** Starts an HTTP server; port 0 picks a free port (tests). A port in use is a StartupError. */
export async function listen(
  handler: RequestListener | undefined,
  host: string,
  port: number,
): Promise<Listening> {
  const server = createServer(handler);
  // Keep-alive callers (the gateway's subgraph agents, load balancers) close idle sockets well
  // before this; a server that closed first would race a request being written on the socket
  // and the caller would see ECONNRESET. Node's default is 5 s.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://localhost:${address.port}`;
  return {
    server,
    url,
    inFlight: () => inFlight,
    close: (graceMs = 5000) =>
      stopStep(
        () => `HTTP server ${url} (${inFlight} requests in flight)`,
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(timer);
              resolve();
            });
            server.closeIdleConnections();
          }),
      ),
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new StartupError(`cannot listen on ${host}:${port}: the port is in use`);
  }
  if (error.code === 'EACCES') {
    return new StartupError(`cannot listen on ${host}:${port}: permission denied`);
  }
  return error;
}
