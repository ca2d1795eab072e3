import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../lib/config/parse-env';
import { usersConfigFromEnv } from './config';

const env = (overrides: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'bazaar-users-config-')),
  ...overrides,
});

const minutes = (n: number) => n * 60_000;

describe('users abuse-limit settings', () => {
  it('defaults to the documented limits', () => {
    expect(usersConfigFromEnv(env()).abuseLimits).toEqual({
      login: {
        perSubject: { max: 5, windowMs: minutes(15) },
        perIp: { max: 30, windowMs: minutes(15) },
      },
      register: { perIp: { max: 10, windowMs: minutes(60) } },
      accountEmail: {
        perSubject: { max: 3, windowMs: minutes(60) },
        perIp: { max: 20, windowMs: minutes(60) },
      },
      passwordChange: {
        perSubject: { max: 5, windowMs: minutes(15) },
        perIp: { max: 20, windowMs: minutes(15) },
      },
    });
  });

  it('takes each limit and window from its variable', () => {
    const limits = usersConfigFromEnv(
      env({
        REGISTER_MAX_PER_IP: '2',
        REGISTER_WINDOW_MINUTES: '5',
        ACCOUNT_EMAIL_MAX_PER_RECIPIENT: '1',
        PASSWORD_CHANGE_MAX_PER_IP: '7',
      }),
    ).abuseLimits;
    expect(limits.register.perIp).toEqual({ max: 2, windowMs: minutes(5) });
    expect(limits.accountEmail.perSubject.max).toBe(1);
    expect(limits.passwordChange.perIp.max).toBe(7);
  });

  it('refuses a limit of zero or a non-number, naming each variable', () => {
    let error: unknown;
    try {
      usersConfigFromEnv(env({ REGISTER_MAX_PER_IP: '0', PASSWORD_CHANGE_WINDOW_MINUTES: 'soon' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('REGISTER_MAX_PER_IP');
    expect(message).toContain('PASSWORD_CHANGE_WINDOW_MINUTES');
  });
});
