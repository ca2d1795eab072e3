/**
 * Calls `onOrphaned` once when the process that started this one exits (its parent pid changes).
 * `npm start` runs the launcher under `sh -c`, and npm forwards a SIGTERM to that shell only:
 * without this, `kill -TERM <npm>` would leave the launcher and its servers running as orphans.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 250): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
}
