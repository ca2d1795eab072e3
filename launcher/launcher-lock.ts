import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from '../lib/process/startup-error';
import { processAlive } from './embedded-postgres';

/** What a running launcher writes to `<DATA_DIR>/launcher.pid`. */
interface LockContent {
  pid: number;
  /** The gateway's URL once it listens; absent while the launcher is still starting. */
  gatewayUrl?: string;
}

export interface LauncherLock {
  /** Records the gateway's URL, for the message a second launcher prints. */
  ready(gatewayUrl: string): void;
  release(): void;
}

/**
 * Makes this process the one launcher of `dataDir`: a second `npm start` on the same data (and so
 * the same embedded PostgreSQL) is refused with the first one's pid and port instead of failing
 * half-way. A lock whose process is gone (killed, crashed) is taken over.
 */
export function acquireLauncherLock(dataDir: string): LauncherLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'launcher.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid } satisfies LockContent), {
        flag: 'wx',
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
      const where = holder.gatewayUrl
        ? `on port ${new URL(holder.gatewayUrl).port} (${holder.gatewayUrl})`
        : 'and still starting';
      throw new StartupError(
        `Bazaar is already running (pid ${holder.pid}) ${where} with its data in ` +
          `${resolve(dataDir)}. Stop it first (Ctrl-C in its terminal, or kill ${holder.pid}), ` +
          'or give this one another DATA_DIR and ports.',
      );
    }
    unlinkSync(file); // stale: its launcher is gone
  }
  const release = () => {
    if (readLock(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return {
    ready: (gatewayUrl) =>
      writeFileSync(file, JSON.stringify({ pid: process.pid, gatewayUrl } satisfies LockContent)),
    release,
  };
}

function readLock(file: string): LockContent | null {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof content.pid === 'number' ? (content as LockContent) : null;
  } catch {
    return null; // half-written or unreadable: treat as stale
  }
}
