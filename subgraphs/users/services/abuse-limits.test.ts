import { subjectKey } from './abuse-limits';

describe('subjectKey', () => {
  it('keeps no email address in the key and fits the 255-character column', () => {
    const longEmail = `${'a'.repeat(240)}@example.test`;
    const key = subjectKey('recipient', longEmail);
    expect(key).not.toContain('example.test');
    expect(key).toMatch(/^recipient:[0-9a-f]{64}$/);
  });

  it('gives one address one key and different addresses different keys', () => {
    expect(subjectKey('recipient', 'ann@example.test')).toBe(
      subjectKey('recipient', 'ann@example.test'),
    );
    expect(subjectKey('recipient', 'ann@example.test')).not.toBe(
      subjectKey('recipient', 'bob@example.test'),
    );
  });
});
