import { domainOf, MailSender } from './mail-sender';

describe('Message-IDs the mailer chooses', () => {
  it('takes the domain of the sender address, with or without a display name', () => {
    expect(domainOf('Bazaar <no-reply@bazaar.local>')).toBe('bazaar.local');
    expect(domainOf('"Shop, Inc." <mail@shop.example>')).toBe('shop.example');
    expect(domainOf('orders@shop.example')).toBe('shop.example');
  });

  it('falls back to localhost when the sender has no domain', () => {
    expect(domainOf('Bazaar')).toBe('localhost');
  });

  it('makes a new angle-bracketed id every time', () => {
    const sender = new MailSender('smtp://127.0.0.1:1025', 'Bazaar <no-reply@bazaar.local>');
    const first = sender.newMessageId();
    expect(first).toMatch(/^<[0-9a-f-]{36}@bazaar\.local>$/);
    expect(sender.newMessageId()).not.toBe(first);
    sender.close();
  });
});
