import { createLogger } from '../logger';
import { startPoller } from './poller';

const logger = createLogger('test', 'silent');
const HOUR = 3_600_000;

/** A poller that never runs on its own within a test: only kicks and `immediate` start rounds. */
function counting() {
  let rounds = 0;
  let onRound: (() => void) | null = null;
  const poller = startPoller({
    name: 'test',
    intervalMs: HOUR,
    logger,
    task: async () => {
      rounds += 1;
      onRound?.();
    },
  });
  const nextRound = () => new Promise<void>((resolve) => (onRound = resolve));
  return { poller, rounds: () => rounds, nextRound };
}

describe('startPoller', () => {
  it('runs a round as soon as it is kicked', async () => {
    const { poller, rounds, nextRound } = counting();
    const round = nextRound();
    poller.kick();
    await round;
    expect(rounds()).toBe(1);
    await poller.stop();
  });

  it('runs again at once while the task says there is more', async () => {
    let third!: () => void;
    const thirdRound = new Promise<void>((resolve) => (third = resolve));
    let rounds = 0;
    const poller = startPoller({
      name: 'test',
      intervalMs: HOUR,
      logger,
      immediate: true,
      task: async () => {
        rounds += 1;
        if (rounds === 3) third();
        return rounds < 3;
      },
    });
    await thirdRound;
    await poller.stop();
    expect(rounds).toBe(3);
  });

  it('runs once more when kicked during a round', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let rounds = 0;
    let second!: () => void;
    const secondRound = new Promise<void>((resolve) => (second = resolve));
    const poller = startPoller({
      name: 'test',
      intervalMs: HOUR,
      logger,
      immediate: true,
      task: async () => {
        rounds += 1;
        if (rounds === 1) await held;
        else second();
      },
    });
    poller.kick();
    release();
    await secondRound;
    expect(rounds).toBe(2);
    await poller.stop();
  });
});
