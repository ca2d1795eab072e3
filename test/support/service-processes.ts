import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATABASES as SERVICE_DATABASES } from '../../launcher/databases';
import type { Env } from '../../lib/config/parse-env';
import { dropDatabase } from '../../lib/db/database';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { newEnvelope, publishEnvelope, testLogger } from './event-streams';
import { graphql } from './graphql-client';
import { serviceSql, testDatabaseUrl } from './service-sql';
import { SmtpSink } from './smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from './test-env';
import { deleteStreams, type TestSystem } from './test-system';
import { temporaryDirectory } from './temporary-directories';

const ROOT = resolve(__dirname, '../..');
/** Every service but the gateway (each has its database): subgraphs, then workers. */
const DATABASES = Object.keys(SERVICE_DATABASES);
const SUBGRAPHS = DATABASES.filter((name) => existsSync(resolve(ROOT, 'subgraphs', name)));
const WORKERS = DATABASES.filter((name) => !SUBGRAPHS.includes(name));

/** What a finished process left: its exit code (null when a signal ended it) and its output. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** One service running as its own process. */
export interface ServiceProcess {
  name: string;
  /** What it printed as `<name> ready at <url>`. */
  url: string;
  child: ChildProcess;
  /** What it has printed so far. */
  output(): ProcessExit;
  /** Sends `signal` and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

/**
 * A compiled entry (`dist/….js`) with plain `node`, as the image runs it; a TypeScript one with
 * `node -r @swc-node/register`, as `npm run start:<name>` does.
 */
function spawnEntry(entry: string, env: Env, args: string[] = []): ChildProcess {
  const loader = entry.endsWith('.js') ? [] : ['-r', '@swc-node/register'];
  return spawn(process.execPath, [...loader, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's output and resolves when it exits. */
function watch(child: ChildProcess): { output: () => ProcessExit; exited: Promise<ProcessExit> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = () => ({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
  const exited = new Promise<ProcessExit>((done) =>
    child.once('exit', (code, signal) => done({ ...output(), code, signal })),
  );
  return { output, exited };
}

/** Runs an entry point that is expected to end by itself (a command, a refused start-up). */
export async function runToExit(
  entry: string,
  env: Env,
  timeoutMs = 30_000,
  args: string[] = [],
): Promise<ProcessExit> {
  const child = spawnEntry(entry, env, args);
  const { exited } = watch(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts an entry point and resolves once it says it is ready; rejects with its output otherwise. */
export async function startServiceProcess(
  name: string,
  entry: string,
  env: Env,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const child = spawnEntry(entry, env);
  const { output, exited } = watch(child);
  const ready = new RegExp(`^${name} ready at (\\S+)$`, 'm');
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const { stdout, stderr } = output();
      fail(
        new Error(`${name} not ready within ${timeoutMs} ms:\n${stderr}\n${stdout.slice(-2000)}`),
      );
    }, timeoutMs);
    const check = () => {
      const match = ready.exec(output().stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      done(match[1]);
    };
    child.stdout!.on('data', check);
    void exited.then((exit) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${exit.code ?? exit.signal}) before ready:\n${exit.stderr}`));
    });
  });
  return {
    name,
    url,
    child,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A system of separate processes, usable wherever the tests take a {@link TestSystem}.
 * `processes` is keyed by replica: `orders` is the first, `orders#2` the second, and so on.
 */
export interface ProcessSystem extends TestSystem {
  processes: Map<string, ServiceProcess>;
}

export interface ProcessSystemOptions {
  /**
   * How many processes of each service, e.g. `{ orders: 2, gateway: 2 }`. Default 1 each.
   * Gateway replica N routes to replica N of each subgraph (replica 1 where there are fewer):
   * two gateways over two replicas are two independent lanes sharing users, catalog, the
   * databases and NATS.
   */
  replicas?: Partial<Record<string, number>>;
  /** Runs `dist/<entry>.js` (`npm run build` first) with plain `node`, as the image does. */
  compiled?: boolean;
  /**
   * Where the compiled entries are, for a build of one's own (`build(dir)` of scripts/build.ts)
   * that another `npm run build` cannot empty mid-run. Default `dist`.
   */
  distDir?: string;
}

/** The key of replica `index` (1-based) of `service` in {@link ProcessSystem.processes}. */
export function replicaKey(service: string, index: number): string {
  return index === 1 ? service : `${service}#${index}`;
}

/**
 * Starts every service from its own entry point as its own process, the way docker-compose.yml
 * does: NODE_ENV=production, real secrets (a fresh Ed25519 pair, a random subgraph secret), an
 * SMTP sink, fresh databases and subjects, free ports. `env` adds to (or overrides) what every
 * service gets, e.g. the Stripe settings. `stop` kills what is left and removes every trace.
 */
export async function startProductionProcesses(
  env: Env = {},
  options: ProcessSystemOptions = {},
): Promise<ProcessSystem> {
  const prefix = uniquePrefix();
  const smtp = new SmtpSink();
  await smtp.start();
  const keys = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const shared: Env = {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DATA_DIR: temporaryDirectory('bazaar-processes-'),
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_PREFIX: prefix,
    NATS_URL: TEST_NATS_URL,
    EVENT_PREFIX: prefix,
    SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
    SMTP_URL: smtp.url,
    ...Object.fromEntries([...DATABASES, 'gateway'].map((name) => [portVariable(name), '0'])),
    ...env,
  };
  const own: Record<string, Env> = {
    users: { JWT_PRIVATE_KEY: keys.privateKey },
    gateway: { JWT_PUBLIC_KEY: keys.publicKey },
  };
  const entries: Record<string, string> = {
    ...Object.fromEntries(SUBGRAPHS.map((name) => [name, `subgraphs/${name}/main`])),
    ...Object.fromEntries(WORKERS.map((name) => [name, `workers/${name}/main`])),
    gateway: 'gateway/main',
  };
  const entryOf = (name: string) =>
    options.compiled ? `${options.distDir ?? 'dist'}/${entries[name]}.js` : `${entries[name]}.ts`;
  const replicasOf = (name: string) => options.replicas?.[name] ?? 1;
  const keysOf = (name: string) =>
    Array.from({ length: replicasOf(name) }, (_, index) => replicaKey(name, index + 1));
  const envs = new Map<string, Env>();
  const processes = new Map<string, ServiceProcess>();
  /** Starts the replica `key` (`orders#2`) of its service. */
  const start = async (key: string, extra: Env = {}) => {
    const name = key.split('#')[0];
    const serviceEnv = { ...shared, ...own[name], ...extra };
    envs.set(key, serviceEnv);
    // Generous: a dozen processes loading at once on a small, busy machine each take a while.
    processes.set(key, await startServiceProcess(name, entryOf(name), serviceEnv, 150_000));
  };
  const database = serviceSql(prefix);
  let bus: Promise<EventBus> | null = null;
  const stop = async () => {
    await Promise.all([...processes.values()].map((service) => service.stop('SIGKILL')));
    await (await bus)?.close();
    await smtp.stop();
    await database.end();
    await Promise.all(DATABASES.map((name) => dropDatabase(testDatabaseUrl(prefix, name))));
    await deleteStreams(prefix);
  };
  /**
   * Starts side by side and waits for every start to settle before reporting the first failure,
   * so that the processes still starting when one failed are in `processes` for `stop`.
   */
  const startAll = async (starts: Array<Promise<void>>) => {
    const failed = (await Promise.allSettled(starts)).find(
      (result) => result.status === 'rejected',
    );
    if (failed) throw failed.reason;
  };
  try {
    await startAll(DATABASES.flatMap(keysOf).map((key) => start(key)));
    const routes = (lane: number) =>
      Object.fromEntries(
        SUBGRAPHS.map((name) => [
          `${name.toUpperCase()}_URL`,
          processes.get(replicaKey(name, Math.min(lane, replicasOf(name))))!.url,
        ]),
      );
    await startAll(keysOf('gateway').map((key, index) => start(key, routes(index + 1))));
  } catch (error) {
    await stop();
    throw error;
  }
  const gatewayUrl = processes.get('gateway')!.url;
  const external = (url: string, source: string) => ({ url, source, stop: async () => {} });
  return {
    prefix,
    env: shared,
    smtp,
    processes,
    system: {
      gatewayUrl,
      urls: Object.fromEntries([...processes].map(([name, service]) => [name, service.url])),
      infrastructure: {
        postgres: external(TEST_DATABASE_URL, 'DATABASE_URL'),
        nats: external(TEST_NATS_URL, 'NATS_URL'),
        smtp: external(smtp.url, 'SMTP_URL'),
      },
      restart: async (key, whileDown) => {
        const service = processes.get(key);
        if (!service) throw new Error(`no running service ${key}`);
        await service.stop();
        await whileDown?.();
        const port = new URL(service.url).port;
        await start(key, { ...envs.get(key), [portVariable(service.name)]: port });
      },
      stop,
    },
    query: (query, variables, options) => graphql(gatewayUrl, query, variables, options),
    sql: database.sql,
    publish: async (type, data) => {
      bus ??= connectEventBus({ url: TEST_NATS_URL, prefix, name: 'test', logger: testLogger() });
      const envelope = newEnvelope(type, data);
      await publishEnvelope(await bus, envelope);
      return envelope.id;
    },
    stop,
  };
}

function portVariable(service: string): string {
  return service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`;
}
