import { KeyedQueue } from './keyed-queue';

/** A task that records its start and end and finishes when `release` is called. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
  };
  return { task, release };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs tasks of different keys side by side', async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(4);
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    await queue.push('order-1', a.task);
    await queue.push('order-2', b.task);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.release();
    a.release();
    await queue.idle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a']);
  });

  it('runs tasks of one key one after another in push order', async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(4);
    const first = gate(log, 'first');
    const second = gate(log, 'second');
    await queue.push('order-1', first.task);
    await queue.push('order-1', second.task);
    await tick();
    expect(log).toEqual(['start first']);
    second.release();
    first.release();
    await queue.idle();
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('admits no more than the limit until a slot frees', async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(2);
    const tasks = ['a', 'b', 'c'].map((name) => gate(log, name));
    await queue.push('1', tasks[0].task);
    await queue.push('2', tasks[1].task);
    let admitted = false;
    const third = queue.push('3', tasks[2].task).then(() => (admitted = true));
    await tick();
    expect(admitted).toBe(false);
    tasks[0].release();
    await third;
    await tick();
    expect(log).toContain('start c');
    tasks[1].release();
    tasks[2].release();
    await queue.idle();
  });

  it('keeps no key once its tasks are done', async () => {
    const queue = new KeyedQueue(1);
    await queue.push('order-1', async () => {});
    await queue.idle();
    expect((queue as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
