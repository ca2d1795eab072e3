import { REGISTER, newAccount } from '../support/accounts';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

interface MailboxEntry {
  to: string;
  subject: string;
  text: string;
}

describe('the dev mailbox (no SMTP_URL)', () => {
  let t: TestSystem;
  let origin: string;
  beforeAll(async () => {
    t = await startTestSystem({ SMTP_URL: undefined });
    origin = new URL(t.system.gatewayUrl).origin;
  });
  afterAll(() => t.stop());

  it('is what the launcher chose', () => {
    expect(t.system.infrastructure.smtp.source).toMatch(/^dev mailbox/);
  });

  it('shows the verification email, whose link verifies the account', async () => {
    const input = newAccount({ displayName: 'Mailbox Reader' });
    await t.query(REGISTER, { input });

    let message: MailboxEntry | undefined;
    await waitFor(async () => {
      const messages = (await (await fetch(`${origin}/dev/mailbox.json`)).json()) as MailboxEntry[];
      message = messages.find((m) => m.to === input.email);
      return message !== undefined;
    }, 'the welcome email in the dev mailbox');
    expect(message!.subject).toMatch(/confirm your email/i);

    const page = await (await fetch(`${origin}/dev/mailbox`)).text();
    expect(page).toContain('Mailbox Reader');
    expect(page).toContain(input.email);

    const token = new URL(/http\S+/.exec(message!.text)![0]).searchParams.get('token');
    const verified = await t.query(
      'mutation($t: String!) { verifyEmail(token: $t) { emailVerified } }',
      {
        t: token,
      },
    );
    expect(verified.data!.verifyEmail.emailVerified).toBe(true);
    // Nothing went to the SMTP sink the other tests use.
    expect(t.smtp.received).toHaveLength(0);
  });
});
