import { LOGOUT_QUERY, REFRESH_TOKEN_QUERY, type AuthPayload } from './operations/storefront';
import type { User } from './operations/types';

/** A signed-in person's tokens, kept in localStorage so a reload keeps them signed in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  user: User;
}

const KEY = 'bazaar.session';
/** Refresh this long before the access token expires, so no request carries a stale one. */
const REFRESH_AHEAD_MS = 60_000;

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
let timer: ReturnType<typeof setTimeout> | undefined;

function read(): Session | null {
  try {
    const stored = localStorage.getItem(KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  return current;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  schedule();
  listeners.forEach((listener) => listener(session));
}

export function startSession(payload: AuthPayload): void {
  set({
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: Date.now() + payload.expiresIn * 1000,
    user: payload.user,
  });
}

async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Exchanges the refresh token (single use) for a new pair; a refused one ends the session. */
async function refresh(): Promise<void> {
  const session = current;
  if (!session) return;
  try {
    const answer = await post(REFRESH_TOKEN_QUERY, { token: session.refreshToken });
    const payload = answer.data?.refreshToken as AuthPayload | undefined;
    if (payload) startSession(payload);
    else set(null);
  } catch {
    // Offline: try again shortly rather than signing the person out.
    timer = setTimeout(() => void refresh(), 5_000);
  }
}

function schedule(): void {
  clearTimeout(timer);
  if (!current) return;
  const wait = Math.max(0, current.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  timer = setTimeout(() => void refresh(), wait);
}

export async function endSession(): Promise<void> {
  const session = current;
  set(null);
  if (session) await post(LOGOUT_QUERY, { token: session.refreshToken }).catch(() => undefined);
}

schedule();
