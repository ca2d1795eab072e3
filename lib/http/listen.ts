import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: Server;
  /** Base URL, e.g. `http://localhost:4001`. */
  url: string;
  /** Stops accepting, lets open requests finish for up to `graceMs`, then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

/** Starts an HTTP server; port 0 picks a free port (tests). */
export async function listen(
  handler: RequestListener | undefined,
  host: string,
  port: number,
): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://localhost:${address.port}`,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
