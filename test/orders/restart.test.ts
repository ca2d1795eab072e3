import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '../../lib/db/database';
import type { ProductSnapshot } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import type { RunningService } from '../../lib/process/run-service';
import { startFromEnv } from '../../subgraphs/orders/main';
import { newEnvelope, publishEnvelope, testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('orders catches up on events published while it was down', () => {
  const prefix = uniquePrefix();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${prefix}_orders`;
  let bus: EventBus;
  let service: RunningService | null = null;
  let db: Client;

  beforeAll(async () => {
    bus = await connectEventBus({ url: TEST_NATS_URL, prefix, name: 'test', logger: testLogger() });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.end();
    await bus.close();
    await dropDatabase(url.toString());
    await deleteStreams(prefix);
  });

  const priceOf = async (productId: string) => {
    const { rows } = await db.query('SELECT price_amount FROM products WHERE id = $1', [productId]);
    return rows[0]?.price_amount as number | undefined;
  };

  it('applies a product update published while orders was stopped', async () => {
    service = await startFromEnv(testEnv(prefix));
    db = new Client({ connectionString: url.toString() });
    await db.connect();
    const snapshot: ProductSnapshot = {
      productId: randomUUID(),
      vendorId: randomUUID(),
      name: 'Teapot',
      status: 'ACTIVE',
      price: { amount: 1000, currency: 'EUR' },
      categoryId: null,
    };
    await publishEnvelope(bus, newEnvelope('product.created', snapshot));
    await waitFor(async () => (await priceOf(snapshot.productId)) === 1000, 'the product');

    await service.stop();
    service = null;
    await publishEnvelope(
      bus,
      newEnvelope('product.updated', { ...snapshot, price: { amount: 1500, currency: 'EUR' } }),
    );
    expect(await priceOf(snapshot.productId)).toBe(1000);

    service = await startFromEnv(testEnv(prefix));
    await waitFor(async () => (await priceOf(snapshot.productId)) === 1500, 'the update');
  });
});
