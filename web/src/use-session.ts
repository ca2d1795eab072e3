import { useSyncExternalStore } from 'react';
import { currentSession, onSessionChange } from './session';

/** The signed-in person's session, re-rendering on sign-in, refresh and sign-out. */
export function useSession() {
  return useSyncExternalStore(onSessionChange, currentSession);
}
