import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import { devConveniencesAllowed } from '../../lib/config/node-env';
import { ConfigError, type Env } from '../../lib/config/parse-env';
import { ed25519PrivateKeyPem } from '../../lib/config/pem-key';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';
import { loadOrCreateDevSigningKeys, type SigningKeys } from '../../lib/auth/signing-keys';
import type { AbuseLimitsConfig } from './services/abuse-limits';

const positiveInt = (defaultValue: number) =>
  z.coerce.number().int().positive().default(defaultValue);

const usersEnv = z.object({
  /** Default 4001. */
  USERS_PORT: port(4001),
  /** Ed25519 private key (PKCS#8 PEM) for access tokens; required in production, generated under DATA_DIR in development and test. */
  JWT_PRIVATE_KEY: ed25519PrivateKeyPem().optional(),
  /** Lifetime of a login session's refresh tokens. Default 30 days. */
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  /** Lifetime of an email-verification link. Default 48 hours. */
  VERIFICATION_TOKEN_TTL_HOURS: z.coerce.number().int().positive().default(48),
  /** Lifetime of a password-reset link. Default 30 minutes. */
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().positive().default(30),
  /** Failed logins per account (email and phone together) within the window before `RATE_LIMITED`. Default 5. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  /** Failed logins per client address within the window. Default 30. */
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(30),
  /** The window for failed logins, from the first failure. Default 15 minutes. */
  LOGIN_FAILURE_WINDOW_MINUTES: positiveInt(15),
  /** Registrations per client address within the window. Default 10. */
  REGISTER_MAX_PER_IP: positiveInt(10),
  /** The window for registrations. Default 60 minutes. */
  REGISTER_WINDOW_MINUTES: positiveInt(60),
  /** Password-reset and verification emails asked for one address within the window. Default 3. */
  ACCOUNT_EMAIL_MAX_PER_RECIPIENT: positiveInt(3),
  /** Password-reset and verification email requests per client address within the window. Default 20. */
  ACCOUNT_EMAIL_MAX_PER_IP: positiveInt(20),
  /** The window for password-reset and verification email requests. Default 60 minutes. */
  ACCOUNT_EMAIL_WINDOW_MINUTES: positiveInt(60),
  /** `changePassword` attempts, right or wrong, per account within the window. Default 5. */
  PASSWORD_CHANGE_MAX_PER_ACCOUNT: positiveInt(5),
  /** `changePassword` attempts per client address within the window. Default 20. */
  PASSWORD_CHANGE_MAX_PER_IP: positiveInt(20),
  /** The window for `changePassword` attempts. Default 15 minutes. */
  PASSWORD_CHANGE_WINDOW_MINUTES: positiveInt(15),
});

export interface UsersConfig extends ServiceConfig {
  signingKeys: SigningKeys;
  refreshTokenTtlMs: number;
  verificationTokenTtlMs: number;
  passwordResetTtlMs: number;
  abuseLimits: AbuseLimitsConfig;
}

export function usersConfigFromEnv(env: Env): UsersConfig {
  const { base, parsed } = parseServiceEnv('users', usersEnv, env, (p) => p.USERS_PORT, [
    'JWT_PRIVATE_KEY',
  ]);
  return {
    ...base,
    signingKeys: signingKeys(base, parsed.JWT_PRIVATE_KEY),
    refreshTokenTtlMs: parsed.REFRESH_TOKEN_TTL_DAYS * 86_400_000,
    verificationTokenTtlMs: parsed.VERIFICATION_TOKEN_TTL_HOURS * 3_600_000,
    passwordResetTtlMs: parsed.PASSWORD_RESET_TTL_MINUTES * 60_000,
    abuseLimits: abuseLimits(parsed),
  };
}

function abuseLimits(parsed: z.infer<typeof usersEnv>): AbuseLimitsConfig {
  const limit = (max: number, windowMinutes: number) => ({ max, windowMs: windowMinutes * 60_000 });
  return {
    login: {
      perSubject: limit(parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT, parsed.LOGIN_FAILURE_WINDOW_MINUTES),
      perIp: limit(parsed.LOGIN_MAX_FAILURES_PER_IP, parsed.LOGIN_FAILURE_WINDOW_MINUTES),
    },
    register: { perIp: limit(parsed.REGISTER_MAX_PER_IP, parsed.REGISTER_WINDOW_MINUTES) },
    accountEmail: {
      perSubject: limit(
        parsed.ACCOUNT_EMAIL_MAX_PER_RECIPIENT,
        parsed.ACCOUNT_EMAIL_WINDOW_MINUTES,
      ),
      perIp: limit(parsed.ACCOUNT_EMAIL_MAX_PER_IP, parsed.ACCOUNT_EMAIL_WINDOW_MINUTES),
    },
    passwordChange: {
      perSubject: limit(
        parsed.PASSWORD_CHANGE_MAX_PER_ACCOUNT,
        parsed.PASSWORD_CHANGE_WINDOW_MINUTES,
      ),
      perIp: limit(parsed.PASSWORD_CHANGE_MAX_PER_IP, parsed.PASSWORD_CHANGE_WINDOW_MINUTES),
    },
  };
}

function signingKeys(base: ServiceConfig, privateKeyPem: string | undefined): SigningKeys {
  if (privateKeyPem) {
    const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' });
    return { privateKeyPem, publicKeyPem: publicKeyPem.toString() };
  }
  if (devConveniencesAllowed(base.nodeEnv)) return loadOrCreateDevSigningKeys(base.dataDir);
  // parseServiceEnv reports this with everything else first; a guard, not a path.
  throw new ConfigError([{ variable: 'JWT_PRIVATE_KEY', message: 'required in production' }]);
}
