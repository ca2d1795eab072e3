import { displayNameProblem } from '../../../lib/display-name';

/** A rendered email: plain text for every client, HTML for those that show it. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `Hello <name>,` — or just `Hello,` when the name could carry a link or markup. Users can no
 * longer choose such names, but names stored before that rule still reach the mailer, and the
 * plain-text part of an email cannot be escaped: mail clients turn addresses in it into links.
 */
export function greetingFor(displayName: string): string {
  return displayNameProblem(displayName) === null ? `Hello ${displayName},` : 'Hello,';
}

/** Wraps paragraphs and one call-to-action link in the house style. */
export function layout(options: {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}): RenderedEmail {
  const { subject, greeting, paragraphs, action, footer } = options;
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `${action.label}: ${action.url}`,
    '',
    footer,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1f6feb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="color:#666;font-size:13px">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject, text, html };
}

/** `<base>/<path>?token=<token>` */
export function tokenLink(publicUrl: string, path: string, token: string): string {
  const url = new URL(path, `${publicUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}
