import { passwordResetEmail, welcomeEmail } from './account-emails';
import { escapeHtml, greetingFor, layout } from './layout';

const HOSTILE = `<a href="https://evil.example">x</a>'"&`;
const ESCAPED = '&#60;a href=&#34;https://evil.example&#34;&#62;x&#60;/a&#62;&#39;&#34;&#38;';

describe('email layout', () => {
  it('escapes the five characters that matter in HTML text and attributes', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
  });

  it('escapes every value it places in the HTML', () => {
    const { html } = layout({
      subject: 'Subject',
      greeting: `G ${HOSTILE}`,
      paragraphs: [`P1 ${HOSTILE}`, `P2 ${HOSTILE}`],
      action: { label: `L ${HOSTILE}`, url: `https://shop.example/x?a="${HOSTILE}` },
      footer: `F ${HOSTILE}`,
    });
    for (const prefix of ['G', 'P1', 'P2', 'L', 'F']) {
      expect(html).toContain(`${prefix} ${ESCAPED}`);
    }
    // The only link is the action; the URL cannot break out of its attribute.
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).not.toContain('href="https://evil.example"');
    expect(html).toContain('href="https://shop.example/x?a=&#34;&#60;a href=');
  });
});

describe('greetings', () => {
  it('greets by name', () => {
    expect(greetingFor('Ann Example')).toBe('Hello Ann Example,');
  });

  it.each(['Reset at https://evil.example', 'www.evil', 'Support paypal.com', '<b>Ann</b>'])(
    'leaves out a name that could carry a link or markup: %j',
    (name) => {
      expect(greetingFor(name)).toBe('Hello,');
    },
  );

  it('keeps a link-carrying name stored before names were checked out of both parts', () => {
    const name = '<a href="https://evil.example/reset">Reset here</a>';
    for (const email of [
      welcomeEmail(name, 'tok', 'https://shop.example'),
      passwordResetEmail(name, 'tok', 'https://shop.example'),
    ]) {
      expect(email.text).not.toContain('evil.example');
      expect(email.html).not.toContain('evil.example');
      expect(email.html.match(/<a /g)).toHaveLength(1);
      expect(email.text.startsWith('Hello,')).toBe(true);
    }
  });
});
