import {
  atMost,
  DEFAULT_SHUTDOWN_BUDGET_MS,
  httpDrainSettings,
  msUntilShare,
  ShutdownTimeoutError,
  stepsUnderway,
  stopStep,
  stopWithin,
} from './shutdown';

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

describe('the shares of the shutdown budget', () => {
  it('give the HTTP drain half of the budget and the later steps their marks, counted from the signal', async () => {
    const seen: Record<string, number> = {};
    await stopWithin(2000, async () => {
      seen.httpDrain = httpDrainSettings(null).stopGracePeriodMillis;
      seen.outboxDrain = msUntilShare('outboxDrain');
      seen.tracing = msUntilShare('tracing');
    });
    expect(seen.httpDrain).toBeGreaterThan(900);
    expect(seen.httpDrain).toBeLessThanOrEqual(1000);
    expect(seen.outboxDrain).toBeGreaterThan(1400);
    expect(seen.outboxDrain).toBeLessThanOrEqual(1500);
    expect(seen.tracing).toBeGreaterThan(1800);
    expect(seen.tracing).toBeLessThanOrEqual(1900);
  });

  it('assume the default budget from now outside a shutdown with a deadline', () => {
    expect(msUntilShare('httpDrain')).toBeLessThanOrEqual(DEFAULT_SHUTDOWN_BUDGET_MS / 2);
    expect(msUntilShare('httpDrain')).toBeGreaterThan(DEFAULT_SHUTDOWN_BUDGET_MS / 2 - 100);
  });

  it('leave nothing to a step whose mark has passed', async () => {
    let httpGrace = -1;
    await stopWithin(200, async () => {
      await new Promise<void>((resolve) => {
        const wait = () => (msUntilShare('httpDrain') === 0 ? resolve() : setImmediate(wait));
        wait();
      });
      httpGrace = httpDrainSettings(null).stopGracePeriodMillis;
    });
    expect(httpGrace).toBe(0);
  });
});

describe('a step that may give up', () => {
  it('resolves with the outcome when the step ends in time', async () => {
    await expect(atMost(1000, async () => 'done')).resolves.toBe('done');
  });

  it('resolves with undefined once its time is up, without waiting for the step', async () => {
    await expect(atMost(20, () => new Promise<string>(() => {}))).resolves.toBeUndefined();
  });
});
