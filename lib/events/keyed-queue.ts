/**
 * Runs tasks with at most `limit` at a time, and tasks of the same key one after another in the
 * order they were pushed (the events of one order), while tasks of different keys overlap. A task
 * of key `null` depends on nothing. Tasks must not throw; their own errors are theirs to handle.
 */
export class KeyedQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be ≥ 1, got ${limit}`);
  }

  /**
   * Resolves once the task is admitted (a slot was free); it runs after the tasks pushed earlier
   * with the same key have finished. Awaiting each push keeps the admission order.
   */
  async push(key: string | null, task: () => Promise<void>): Promise<void> {
    while (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    const before = key === null ? undefined : this.tails.get(key);
    const run: Promise<void> = (before ?? Promise.resolve()).then(task).finally(() => {
      this.active -= 1;
      this.running.delete(run);
      if (key !== null && this.tails.get(key) === run) this.tails.delete(key);
      this.waiting.shift()?.();
    });
    if (key !== null) this.tails.set(key, run);
    this.running.add(run);
  }

  /** Resolves when every admitted task has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
