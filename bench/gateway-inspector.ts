import { createWriteStream } from 'node:fs';
import WebSocket from 'ws';
import { waitFor } from '../test/support/wait-for';
import { round, sampleProcess } from './proc-stats';

/** A process's memory right after a full garbage collection. */
export interface CollectedMemory {
  rssMb: number;
  /** V8's live objects plus memory held outside the heap by them (Buffers, socket buffers). */
  heapAndExternalMb: number;
}

/**
 * The Chrome DevTools protocol of a running Node process: forces a full collection before memory
 * is read, so a delta of live memory is not a delta of garbage not yet collected (left alone for
 * 10 s, an idle gateway still held ~23 MB of garbage in a trial).
 */
export class ProcessInspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Record<string, unknown>) => void>();
  private chunkSink: ((chunk: string) => void) | null = null;

  private constructor(
    private readonly socket: WebSocket,
    private readonly pid: number,
  ) {
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as {
        id?: number;
        method?: string;
        params?: { chunk?: string };
        result?: Record<string, unknown>;
      };
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
        this.chunkSink?.(message.params!.chunk!);
      } else if (message.id !== undefined) {
        this.pending.get(message.id)?.(message.result ?? {});
        this.pending.delete(message.id);
      }
    });
  }

  /**
   * Attaches to the process's inspector: the one its stderr announces (`--inspect`), or one it
   * opens on SIGUSR1 (Node's own signal for it, on 127.0.0.1:9229).
   */
  static async attach(pid: number, stderr: () => string): Promise<ProcessInspector> {
    if (!stderr().includes('Debugger listening on')) process.kill(pid, 'SIGUSR1');
    let url = '';
    await waitFor(
      () => Boolean((url = /Debugger listening on (ws:\/\/\S+)/.exec(stderr())?.[1] ?? '')),
      'the inspector URL on stderr',
      10_000,
    );
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new ProcessInspector(socket, pid);
  }

  /** Full collection (twice: weak callbacks of the first free more), then RSS, heap and external. */
  async collectedMemory(): Promise<CollectedMemory> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const { result } = (await this.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    const usage = JSON.parse(result.value) as NodeJS.MemoryUsage;
    return {
      rssMb: round(sampleProcess(this.pid).rssMb, 2),
      heapAndExternalMb: round((usage.heapUsed + usage.external) / 2 ** 20, 2),
    };
  }

  /** Writes a heap snapshot (a collection happens first) to `path`, for DevTools' comparison view. */
  async heapSnapshot(path: string): Promise<void> {
    const file = createWriteStream(path);
    this.chunkSink = (chunk) => file.write(chunk);
    await this.call('HeapProfiler.enable');
    await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    this.chunkSink = null;
    await new Promise((resolve) => file.end(resolve));
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: object = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.pending.set(id, resolve));
  }
}
