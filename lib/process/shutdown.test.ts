import { ShutdownTimeoutError, stepsUnderway, stopStep, stopWithin } from './shutdown';

describe('a shutdown with a deadline', () => {
  it('resolves when every step finishes in time, leaving nothing under way', async () => {
    await stopWithin(1000, () => stopStep('quick', async () => {}));
    expect(stepsUnderway()).toEqual([]);
  });

  it('rejects past the deadline, naming the step still stopping as it is then', async () => {
    let inFlight = 2;
    const hung = new Promise<void>(() => {});
    const stop = () =>
      stopStep(
        () => `HTTP requests (${inFlight} in flight)`,
        () => hung,
      );
    const outcome = stopWithin(50, async () => {
      await stopStep('consumer', async () => {});
      inFlight = 1;
      await stop();
    });
    await expect(outcome).rejects.toBeInstanceOf(ShutdownTimeoutError);
    await expect(outcome).rejects.toThrow(
      'did not stop within 50 ms (SHUTDOWN_TIMEOUT_MS); still stopping: HTTP requests (1 in flight)',
    );
  });
});
