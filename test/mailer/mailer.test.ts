import { randomUUID } from 'node:crypto';
import { newEnvelope } from '../support/event-streams';
import { startMailerUnderTest, type MailerUnderTest } from '../support/mailer-under-test';

let counter = 0;
const address = () => {
  counter += 1;
  return `mail${counter}-${Date.now()}@example.test`;
};

describe('mailer worker', () => {
  let mailer: MailerUnderTest;

  const registered = (email: string, displayName: string) =>
    newEnvelope('user.registered', {
      userId: randomUUID(),
      email,
      displayName,
      role: 'CUSTOMER',
      verificationToken: `verify-${randomUUID()}`,
    });

  beforeAll(async () => {
    mailer = await startMailerUnderTest();
  });
  afterAll(() => mailer.stop());

  it('sends a welcome email with a verification link for user.registered', async () => {
    const to = address();
    const event = registered(to, 'Wanda Welcome');
    const seq = await mailer.publishEnvelope(event);

    const email = await mailer.sink.waitForEmail(to);
    const link = `http://localhost:4000/verify-email?token=${event.data.verificationToken}`;
    expect(email.subject).toBe('Welcome to Bazaar – confirm your email');
    expect(email.text).toContain('Hello Wanda Welcome,');
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain('Hello Wanda Welcome,');
    // The ledger row commits as sent just after the SMTP server has accepted the mail.
    await mailer.waitUntilHandled('user.registered', seq);
    expect(await mailer.deliveries(event.id)).toEqual([
      {
        event_id: event.id,
        event_type: 'user.registered',
        recipient: to,
        kind: 'welcome',
        subject: email.subject,
        status: 'sent',
        message_id: email.messageId,
        attempts: 1,
        last_error: null,
      },
    ]);
    expect(email.messageId).toMatch(/^<[0-9a-f-]{36}@bazaar\.local>$/);
  });

  it('sends a reset link for user.password_reset_requested', async () => {
    const to = address();
    const event = newEnvelope('user.password_reset_requested', {
      userId: randomUUID(),
      email: to,
      displayName: 'Rita Reset',
      resetToken: `reset-${randomUUID()}`,
    });
    const seq = await mailer.publishEnvelope(event);

    const email = await mailer.sink.waitForEmail(to);
    const link = `http://localhost:4000/reset-password?token=${event.data.resetToken}`;
    expect(email.subject).toBe('Reset your Bazaar password');
    expect(email.text).toContain('Hello Rita Reset,');
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).not.toContain('verify-email');
    await mailer.waitUntilHandled('user.password_reset_requested', seq);
    expect(await mailer.deliveries(event.id)).toMatchObject([
      { event_type: 'user.password_reset_requested', recipient: to, status: 'sent' },
    ]);
  });

  it('sends one email for an event delivered twice', async () => {
    const to = address();
    const event = registered(to, 'Danny Double');
    const firstSeq = await mailer.publishEnvelope(event);
    const secondSeq = await mailer.publishEnvelope(event, randomUUID());
    expect(secondSeq).toBe(firstSeq + 1); // both copies are in the stream

    await mailer.waitUntilHandled('user.registered', secondSeq);
    expect(mailer.sink.to(to)).toHaveLength(1);
    expect(await mailer.deliveries(event.id)).toHaveLength(1);
  });

  it('delivers an email exactly once after an SMTP outage ends', async () => {
    const to = address();
    const event = registered(to, 'Otto Outage');
    await mailer.sink.stop();
    const seq = await mailer.publishEnvelope(event);
    try {
      await mailer.waitUntilRetried('user.registered', seq);
      expect(mailer.sink.to(to)).toHaveLength(0);
      // Between retries the row is `failed`; during one, `sending` again. Either way not sent.
      const [attempted] = await mailer.deliveries(event.id);
      expect(attempted.status).not.toBe('sent');
      expect(attempted.last_error).toBe('ESOCKET');
    } finally {
      await mailer.sink.start();
    }

    const email = await mailer.sink.waitForEmail(to);
    expect(email.text).toContain(event.data.verificationToken);
    await mailer.waitUntilHandled('user.registered', seq);
    expect(mailer.sink.to(to)).toHaveLength(1);
    const [delivery] = await mailer.deliveries(event.id);
    expect(delivery.status).toBe('sent');
    expect(delivery.attempts).toBeGreaterThan(1);
  });
});
