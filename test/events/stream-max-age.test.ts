import { StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { DEFAULT_EVENT_RETENTION, eventRetention } from '../../lib/events/retention';
import { Subjects } from '../../lib/events/subjects';
import { testLogger } from '../support/event-streams';
import { TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';

const HOUR_MS = 3_600_000;

const withMaxAge = (streamMaxAgeMs: number) =>
  eventRetention({ ...DEFAULT_EVENT_RETENTION, streamMaxAgeMs });

describe('max_age of the event streams', () => {
  const logger = testLogger();
  const prefixes: string[] = [];
  const buses: EventBus[] = [];

  const connect = async (prefix: string, streamMaxAgeMs?: number) => {
    const bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix,
      name: 'max-age-test',
      logger,
      ...(streamMaxAgeMs === undefined ? {} : { retention: withMaxAge(streamMaxAgeMs) }),
    });
    buses.push(bus);
    return bus;
  };
  const newPrefix = () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return prefix;
  };
  /** max_age of every stream under the prefix, read back from JetStream, by stream name. */
  const maxAges = async (bus: EventBus) => {
    const result: Record<string, number> = {};
    for (const stream of bus.subjects.allStreams()) {
      const name = bus.subjects.stream(stream);
      result[name] = (await bus.jsm.streams.info(name)).config.max_age;
    }
    return result;
  };
  const everyStream = (bus: EventBus, maxAge: number) =>
    Object.fromEntries(
      bus.subjects.allStreams().map((stream) => [bus.subjects.stream(stream), maxAge]),
    );

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await Promise.all(prefixes.map((prefix) => deleteStreams(prefix)));
  });

  it('creates every stream, dead letters included, with the default max_age of 7 days', async () => {
    const bus = await connect(newPrefix());

    expect(DEFAULT_EVENT_RETENTION.streamMaxAgeMs).toBe(7 * 24 * HOUR_MS);
    expect(await maxAges(bus)).toEqual(everyStream(bus, nanos(7 * 24 * HOUR_MS)));
  });

  it('gives existing streams the configured max_age at the next connect', async () => {
    const prefix = newPrefix();
    const first = await connect(prefix, 2 * HOUR_MS);
    expect(await maxAges(first)).toEqual(everyStream(first, nanos(2 * HOUR_MS)));

    const second = await connect(prefix, 5 * HOUR_MS);

    expect(await maxAges(second)).toEqual(everyStream(second, nanos(5 * HOUR_MS)));
    const info = await second.jsm.streams.info(second.subjects.stream('USERS'));
    // Nothing but max_age changed.
    expect(info.config.subjects).toEqual(second.subjects.streamSubjects('USERS'));
    expect(info.config.duplicate_window).toBe(nanos(10 * 60_000));
  });

  it('adds a max_age to a stream created without one (before retention existed)', async () => {
    const prefix = newPrefix();
    const subjects = new Subjects(prefix);
    const setup = await connect(newPrefix()); // any connection will do to create by hand
    await setup.jsm.streams.add({
      name: subjects.stream('ORDERS'),
      subjects: subjects.streamSubjects('ORDERS'),
      storage: StorageType.File,
    });
    expect((await setup.jsm.streams.info(subjects.stream('ORDERS'))).config.max_age).toBe(0);

    const bus = await connect(prefix, 3 * HOUR_MS);

    expect(await maxAges(bus)).toEqual(everyStream(bus, nanos(3 * HOUR_MS)));
  });
});
