import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { Counter, Gauge, type Registry } from 'prom-client';

interface TrackedConsumer {
  stream: string;
  durable: string;
}

/**
 * Per-durable consumer health from JetStream's consumer info, read at each scrape: messages not
 * yet delivered (`bazaar_consumer_pending_messages`, the lag), delivered but not acknowledged
 * (`bazaar_consumer_ack_pending_messages`) and redelivered (`bazaar_consumer_redelivered_messages`);
 * plus `bazaar_dead_letters_total`, counted as this process parks events. Replicas share a durable,
 * so the gauges of one durable read the same on every replica: aggregate them with max, not sum.
 */
export class ConsumerMetrics {
  private readonly consumers = new Map<string, TrackedConsumer>();
  private readonly deadLetters: Counter<'consumer'>;
  private reading: Promise<ConsumerInfo[]> | null = null;

  constructor(
    registry: Registry,
    private readonly jsm: JetStreamManager,
  ) {
    this.deadLetters = new Counter({
      name: 'bazaar_dead_letters_total',
      help: 'Events given up on and parked on the dead-letter subject, by consumer',
      labelNames: ['consumer'],
      registers: [registry],
    });
    this.gauge(
      registry,
      'bazaar_consumer_pending_messages',
      'Messages not yet delivered to the durable consumer (lag)',
      (info) => info.num_pending,
    );
    this.gauge(
      registry,
      'bazaar_consumer_ack_pending_messages',
      'Messages delivered to the durable consumer and not yet acknowledged',
      (info) => info.num_ack_pending,
    );
    this.gauge(
      registry,
      'bazaar_consumer_redelivered_messages',
      'Messages the durable consumer has had redelivered and not yet acknowledged',
      (info) => info.num_redelivered,
    );
  }

  /** Reports on this durable from now on. */
  track(stream: string, durable: string): void {
    this.consumers.set(durable, { stream, durable });
  }

  deadLettered(consumer: string): void {
    this.deadLetters.inc({ consumer });
  }

  private gauge(
    registry: Registry,
    name: string,
    help: string,
    value: (info: ConsumerInfo) => number,
  ): void {
    const read = () => this.read();
    new Gauge({
      name,
      help,
      labelNames: ['durable'],
      registers: [registry],
      async collect() {
        for (const info of await read()) this.set({ durable: info.name }, value(info));
      },
    });
  }

  /** One round of consumer infos shared by the three gauges of a scrape; failures are skipped. */
  private read(): Promise<ConsumerInfo[]> {
    this.reading ??= Promise.all(
      [...this.consumers.values()].map(({ stream, durable }) =>
        this.jsm.consumers.info(stream, durable).catch(() => null),
      ),
    )
      .then((infos) => infos.filter((info): info is ConsumerInfo => info !== null))
      .finally(() => setImmediate(() => (this.reading = null)));
    return this.reading;
  }
}
