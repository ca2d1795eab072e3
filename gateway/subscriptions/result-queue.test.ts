import { ResultQueue } from './result-queue';

describe('ResultQueue', () => {
  it('hands out pushed values in order, to a waiting next() as well', async () => {
    const queue = new ResultQueue<number>(() => {});
    queue.push(1);
    const waiting = (async () => [await queue.next(), await queue.next()])();
    queue.push(2);
    expect(await waiting).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
    ]);
  });

  it('puts the first answer ahead of changes queued before it', async () => {
    const queue = new ResultQueue<string>(() => {});
    queue.push('change');
    queue.pushFirst('as it is');
    expect((await queue.next()).value).toBe('as it is');
    expect((await queue.next()).value).toBe('change');
  });

  it('ends a pending next() at once on return(), and releases exactly once', async () => {
    const released = jest.fn();
    const queue = new ResultQueue<number>(released);
    const pending = queue.next();
    await queue.return();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(released).toHaveBeenCalledTimes(1);
    queue.push(3);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('drops what was queued when the subscriber leaves', async () => {
    const queue = new ResultQueue<number>(() => {});
    queue.push(1);
    await queue.return();
    expect(queue.isEnded).toBe(true);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});
