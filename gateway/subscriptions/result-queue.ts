/**
 * An async iterator fed by pushes, for one subscriber. Unlike an async generator, `return()`
 * does not wait behind a pending `next()`: it ends the iterator at once, resolves the pending
 * `next()` with `done`, and calls `onReturn` (exactly once, however the iterator ends).
 */
export class ResultQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;

  constructor(private readonly onReturn: () => void) {}

  /** Queues a value; ignored once the iterator has ended. */
  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else {
      this.buffered.push(value);
    }
  }

  /** Puts a value ahead of everything queued (the order as it is, before the changes since). */
  pushFirst(value: T): void {
    // Someone waits only when nothing is queued: then first and last are the same place.
    if (this.waiting) this.push(value);
    else if (!this.ended) this.buffered.unshift(value);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) {
      return Promise.resolve({ value: this.buffered.shift()!, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffered.length = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
