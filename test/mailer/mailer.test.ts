import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase } from '../../lib/db/database';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import type { RunningService } from '../../lib/process/run-service';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { start } from '../../workers/mailer/main';
import { newEnvelope, publishEnvelope, testLogger } from '../support/event-streams';
import { SmtpSink } from '../support/smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { settle, waitFor } from '../support/wait-for';

interface SentEmailRow {
  event_id: string;
  event_type: string;
  recipient: string;
  subject: string;
  message_id: string | null;
}

let counter = 0;
const address = () => {
  counter += 1;
  return `mail${counter}-${Date.now()}@example.test`;
};

describe('mailer worker', () => {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('mailer', {}, TEST_DATABASE_URL, prefix);
  const sink = new SmtpSink();
  let mailer: RunningService;
  let bus: EventBus;
  let db: Client;

  const sentEmails = async (eventId: string): Promise<SentEmailRow[]> =>
    (
      await db.query(
        'SELECT event_id, event_type, recipient, subject, message_id FROM sent_emails WHERE event_id = $1',
        [eventId],
      )
    ).rows;

  const registered = (email: string, displayName: string) =>
    newEnvelope('user.registered', {
      userId: randomUUID(),
      email,
      displayName,
      role: 'CUSTOMER',
      verificationToken: `verify-${randomUUID()}`,
    });

  beforeAll(async () => {
    await sink.start();
    mailer = await start(
      mailerConfigFromEnv(
        testEnv(prefix, {
          SMTP_URL: sink.url,
          MAILER_RETRY_BASE_MS: '200',
          MAILER_RETRY_MAX_MS: '500',
        }),
      ),
    );
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix,
      name: 'mailer-test',
      logger: testLogger(),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await mailer?.stop();
    await bus?.close();
    await db?.end();
    await sink.stop();
    await dropDatabase(databaseUrl);
    await deleteStreams(prefix);
  });

  it('sends a welcome email with a verification link for user.registered', async () => {
    const to = address();
    const event = registered(to, 'Wanda Welcome');
    await publishEnvelope(bus, event);

    const email = await sink.waitForEmail(to);
    const link = `http://localhost:4000/verify-email?token=${event.data.verificationToken}`;
    expect(email.subject).toBe('Welcome to Bazaar – confirm your email');
    expect(email.text).toContain('Hello Wanda Welcome,');
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain('Hello Wanda Welcome,');
    // The sent-log row commits just after the SMTP server has accepted the mail.
    await waitFor(async () => (await sentEmails(event.id)).length > 0, 'the sent-log row');
    expect(await sentEmails(event.id)).toEqual([
      {
        event_id: event.id,
        event_type: 'user.registered',
        recipient: to,
        subject: email.subject,
        message_id: expect.stringMatching(/^<.+>$/),
      },
    ]);
  });

  it('sends a reset link for user.password_reset_requested', async () => {
    const to = address();
    const event = newEnvelope('user.password_reset_requested', {
      userId: randomUUID(),
      email: to,
      displayName: 'Rita Reset',
      resetToken: `reset-${randomUUID()}`,
    });
    await publishEnvelope(bus, event);

    const email = await sink.waitForEmail(to);
    const link = `http://localhost:4000/reset-password?token=${event.data.resetToken}`;
    expect(email.subject).toBe('Reset your Bazaar password');
    expect(email.text).toContain('Hello Rita Reset,');
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).not.toContain('verify-email');
    await waitFor(async () => (await sentEmails(event.id)).length > 0, 'the sent-log row');
    expect(await sentEmails(event.id)).toMatchObject([
      { event_type: 'user.password_reset_requested', recipient: to },
    ]);
  });

  it('sends one email for an event delivered twice', async () => {
    const to = address();
    const event = registered(to, 'Danny Double');
    const firstSeq = await publishEnvelope(bus, event);
    const secondSeq = await publishEnvelope(bus, event, randomUUID());
    expect(secondSeq).toBe(firstSeq + 1); // both copies are in the stream

    await sink.waitForEmail(to);
    await settle(1500);
    expect(sink.to(to)).toHaveLength(1);
    expect(await sentEmails(event.id)).toHaveLength(1);
  });

  it('delivers an email exactly once after an SMTP outage ends', async () => {
    const to = address();
    const event = registered(to, 'Otto Outage');
    await sink.stop();
    try {
      await publishEnvelope(bus, event);
      await settle(1500);
      expect(sink.to(to)).toHaveLength(0);
      expect(await sentEmails(event.id)).toHaveLength(0);
    } finally {
      await sink.start();
    }

    const email = await sink.waitForEmail(to);
    expect(email.text).toContain(event.data.verificationToken);
    await settle(1000);
    expect(sink.to(to)).toHaveLength(1);
    expect(await sentEmails(event.id)).toHaveLength(1);
  });
});
