import { Router } from 'express';
import type { MailboxMessage } from '../lib/mail/dev-mailbox';

/**
 * `/dev/mailbox`: the emails the system sent in development, newest first (HTML for people,
 * `/dev/mailbox.json` for scripts). Mounted only when the dev mailbox is in use.
 */
export function devMailboxRouter(dir: string): Router {
  const router = Router();
  router.get('/dev/mailbox.json', async (_req, res) => {
    res.json(await readMailbox(dir));
  });
  router.get('/dev/mailbox', async (_req, res) => {
    res.type('html').send(page(await readMailbox(dir)));
  });
  return router;
}

/**
 * Required at the first visit: the mailbox's mail parser and SMTP server stay out of the gateway's
 * production process, which never mounts this page (with TypeORM kept out, ~11 MB of its RSS).
 */
function readMailbox(dir: string): Promise<MailboxMessage[]> {
  const mailbox = require('../lib/mail/dev-mailbox') as typeof import('../lib/mail/dev-mailbox');
  return mailbox.readMailbox(dir);
}

function page(messages: MailboxMessage[]): string {
  const items = messages
    .map(
      (message) => `
      <article>
        <h2>${escape(message.subject)}</h2>
        <p class="meta">To ${escape(message.to)} · from ${escape(message.from)} · ${escape(message.date)}</p>
        <pre>${linkify(escape(message.text))}</pre>
      </article>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bazaar dev mailbox</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  article { border: 1px solid #ddd; border-radius: 8px; padding: 0 1rem 1rem; margin: 1rem 0; }
  .meta { color: #666; font-size: 13px; } pre { white-space: pre-wrap; }
</style></head>
<body><h1>Dev mailbox</h1>
<p>Emails sent by Bazaar while no <code>SMTP_URL</code> is set. Newest first; reload to refresh.</p>
${items || '<p>No messages yet.</p>'}
</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
