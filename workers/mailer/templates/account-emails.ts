import { greetingFor, layout, tokenLink, type RenderedEmail } from './layout';

const IGNORE = 'If you did not ask for this, you can ignore this email.';

export function welcomeEmail(displayName: string, token: string, publicUrl: string): RenderedEmail {
  return layout({
    subject: 'Welcome to Bazaar – confirm your email',
    greeting: greetingFor(displayName),
    paragraphs: [
      'Thanks for joining Bazaar. Please confirm your email address to finish setting up your account.',
    ],
    action: { label: 'Confirm email', url: tokenLink(publicUrl, 'verify-email', token) },
    footer: IGNORE,
  });
}

/** For accounts an operator created already verified. */
export function accountReadyEmail(displayName: string, publicUrl: string): RenderedEmail {
  return layout({
    subject: 'Your Bazaar account is ready',
    greeting: greetingFor(displayName),
    paragraphs: ['An account was created for you on Bazaar and is ready to use.'],
    action: { label: 'Open Bazaar', url: `${publicUrl}/graphql` },
    footer: 'If you did not expect this, please tell us by replying to this email.',
  });
}

export function verificationEmail(
  displayName: string,
  token: string,
  publicUrl: string,
): RenderedEmail {
  return layout({
    subject: 'Confirm your email for Bazaar',
    greeting: greetingFor(displayName),
    paragraphs: [
      'Here is your new link to confirm your email address. Earlier links no longer work.',
    ],
    action: { label: 'Confirm email', url: tokenLink(publicUrl, 'verify-email', token) },
    footer: IGNORE,
  });
}

export function passwordResetEmail(
  displayName: string,
  token: string,
  publicUrl: string,
): RenderedEmail {
  return layout({
    subject: 'Reset your Bazaar password',
    greeting: greetingFor(displayName),
    paragraphs: [
      'Someone asked to reset the password of your Bazaar account. The link works once and expires soon.',
    ],
    action: { label: 'Choose a new password', url: tokenLink(publicUrl, 'reset-password', token) },
    footer: IGNORE,
  });
}
