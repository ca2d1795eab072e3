/**
 * The environment of a server the launcher starts: the few variables a server needs, never the
 * launcher's own (secrets among them), which `/proc/<pid>/environ` and core dumps would expose.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'].filter((name) => process.env[name]);
  return { ...Object.fromEntries(kept.map((name) => [name, process.env[name]])), ...extra };
}
