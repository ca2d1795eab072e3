import { randomUUID } from 'node:crypto';
import { startMailerUnderTest, type MailerUnderTest } from '../support/mailer-under-test';

describe('low-stock emails to vendors', () => {
  let mailer: MailerUnderTest;

  const vendor = (suffix: string) => ({
    userId: randomUUID(),
    email: `vendor-${suffix}-${Date.now()}@example.test`,
    displayName: `Vendor ${suffix}`,
    role: 'VENDOR' as const,
    verificationToken: 'unused',
  });

  const lowStock = (vendorId: string, productName: string) => ({
    productId: randomUUID(),
    vendorId,
    productName,
    available: 2,
    threshold: 5,
  });

  beforeAll(async () => {
    mailer = await startMailerUnderTest();
  });
  afterAll(() => mailer.stop());

  it('emails the vendor by the address it registered with, under its current name', async () => {
    const v = vendor('a');
    await mailer.publish('user.registered', v);
    await mailer.sink.waitForEmail(v.email, 1); // the welcome email
    const renameSeq = await mailer.publish('user.profile_updated', {
      userId: v.userId,
      displayName: 'Renamed Vendor',
      phone: null,
    });
    // The rename and the low stock travel on different consumers: the rename must land first.
    await mailer.waitUntilHandled('user.profile_updated', renameSeq);
    await mailer.publish('stock.low', lowStock(v.userId, 'Blue Teapot'));

    const email = await mailer.sink.waitForEmail(v.email, 2);
    expect(email.subject).toBe('Low stock: Blue Teapot');
    expect(email.text).toContain('Hello Renamed Vendor');
    expect(email.text).toContain('2 available');
    expect(email.text).toContain('threshold is 5');
  });

  it('waits for a vendor it has not heard of yet instead of dropping the email', async () => {
    const v = vendor('b');
    const seq = await mailer.publish('stock.low', lowStock(v.userId, 'Red Kettle'));
    await mailer.waitUntilRetried('stock.low', seq);
    expect(mailer.sink.to(v.email)).toHaveLength(0);

    await mailer.publish('user.registered', v);
    await mailer.sink.waitForEmail(v.email, 2);
    expect(
      mailer.sink
        .to(v.email)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['Low stock: Red Kettle', 'Welcome to Bazaar – confirm your email']);
  });
});
