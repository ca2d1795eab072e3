import { StartupError } from './startup-error';

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'no answer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  // PostgreSQL's own codes: the server answered but refused this login or database.
  '28P01': 'password authentication failed',
  '28000': 'login refused',
  '3D000': 'no such database',
};

/** Why a connection failed, in a few words, from Node's or PostgreSQL's error code. */
export function connectionFailureReason(error: unknown): string {
  const { code, message, name, cause } = (error ?? {}) as {
    code?: string;
    message?: string;
    name?: string;
    cause?: { code?: string };
  };
  const reason = REASONS[code ?? ''] ?? REASONS[cause?.code ?? ''];
  if (reason && code && /^[0-9A-Z]{5}$/.test(code) && message) return `${reason}: ${message}`;
  if (reason) return reason;
  if (name === 'TimeoutError' || /timeout/i.test(message ?? '')) return 'no answer';
  if (/terminated|closed/i.test(message ?? '')) return 'the server closed the connection';
  return message || String(error);
}

/** `host:port` of a URL (or of each of a comma-separated list), never its credentials. */
export function addressOf(url: string, defaultPort: number): string {
  return url
    .split(',')
    .map((one) => {
      for (const candidate of [one.trim(), `scheme://${one.trim()}`]) {
        try {
          const parsed = new URL(candidate);
          if (parsed.hostname) return `${parsed.hostname}:${parsed.port || defaultPort}`;
        } catch {
          // try it as a bare host:port
        }
      }
      return '(an address that does not parse)';
    })
    .join(', ');
}

/**
 * The start-up failure for a server that cannot be reached, naming the variable that points at
 * it: `DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)`.
 */
export function unreachable(variable: string, server: string, address: string, error: unknown) {
  return new StartupError(
    `${variable}: cannot reach ${server} at ${address} (${connectionFailureReason(error)})`,
  );
}
