import { displayNameProblem } from './display-name';

describe('displayNameProblem', () => {
  it.each([
    'Ann Example',
    'J.R.R. Tolkien',
    'J.Smith',
    'Dr. Who',
    "Mary-Jane O'Neil",
    'Zoë Ünal',
    '李小龍',
    'Anne & Co',
    '3 Brothers GmbH',
  ])('accepts %j', (name) => {
    expect(displayNameProblem(name)).toBeNull();
  });

  it.each([
    ['a URL', 'Click https://evil.example/reset', 'web address'],
    ['a scheme without host', 'javascript://x', 'web address'],
    ['www.', 'see www.evil', 'web address'],
    ['a host name', 'Support paypal.com', 'web address'],
    ['a host with a path', 'evil.example/reset', 'web address'],
    ['markup', '<a href=x>Ann</a>', '< or >'],
    ['a lone angle bracket', 'Ann > Bob', '< or >'],
    ['a newline', 'Ann\nReset here', 'control characters'],
    ['a NUL', 'Ann\u0000', 'control characters'],
    ['a bidi override', 'Ann\u202Egpj.exe', 'text-direction'],
  ])('refuses %s', (_case, name, problem) => {
    expect(displayNameProblem(name)).toContain(problem);
  });
});
