import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import { devConveniencesAllowed } from '../../lib/config/node-env';
import { ConfigError, type Env } from '../../lib/config/parse-env';
import { ed25519PrivateKeyPem } from '../../lib/config/pem-key';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';
import { loadOrCreateDevSigningKeys, type SigningKeys } from '../../lib/auth/signing-keys';

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
  /** Failed logins per account within the window before `RATE_LIMITED`. Default 5. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** Failed logins per client address within the window. Default 30. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  /** The sliding window for failed logins. Default 15 minutes. */
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
});

export interface UsersConfig extends ServiceConfig {
  signingKeys: SigningKeys;
  refreshTokenTtlMs: number;
  verificationTokenTtlMs: number;
  passwordResetTtlMs: number;
  loginThrottle: { maxPerAccount: number; maxPerIp: number; windowMs: number };
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
    loginThrottle: {
      maxPerAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerIp: parsed.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: parsed.LOGIN_FAILURE_WINDOW_MINUTES * 60_000,
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
