import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { startProductionProcesses } from '../support/service-processes';
import { waitFor } from '../support/wait-for';

/** The pids of live processes whose environment holds `entry` (NAME=value). */
function processesWith(entry: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

describe('starting every service as its own process when one of them cannot start', () => {
  const marker = `BAZAAR_TEST_MARKER=${randomUUID()}`;
  afterAll(() => {
    for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
  });

  it('fails with that service’s reason and leaves none of the others running', async () => {
    // No Stripe keys: payments refuses to start in production while the others are starting.
    await expect(
      startProductionProcesses({ [marker.split('=')[0]]: marker.split('=')[1] }),
    ).rejects.toThrow(/payments exited \(1\) before ready:[\s\S]*STRIPE_SECRET_KEY/);
    await waitFor(
      () => processesWith(marker).length === 0,
      'the services that did start to be stopped',
    );
  }, 200_000);
});
