import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Env } from '../../lib/config/parse-env';
import { GATEWAY, SUBGRAPHS, WORKERS } from '../../lib/launcher/services';

/** No Docker engine here: these read docker-compose.yml the way `docker compose` would. */
interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
}
const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);
const built = services.filter(([, service]) => service.build);
const keys = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** What an operator puts in `.env`; compose substitutes `${NAME:?message}` with it. */
const OPERATOR_ENV: Env = {
  POSTGRES_PASSWORD: 'pw',
  SUBGRAPH_SECRET: 'a-production-secret-of-enough-length',
  PUBLIC_URL: 'https://shop.example',
  JWT_PRIVATE_KEY: keys.privateKey.replace(/\n/g, '\\n'),
  JWT_PUBLIC_KEY: keys.publicKey.replace(/\n/g, '\\n'),
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_live_x',
  SMTP_URL: 'smtp://relay.example:587',
};

function interpolate(environment: Record<string, string>, operator: Env): Env {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+):\?[^}]*\}/g, (_, variable: string) => {
        const given = operator[variable];
        if (!given) throw new Error(`compose refuses: ${variable} unset`);
        return given;
      }),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('runs every Bazaar service in production mode', () => {
    expect(built.map(([name]) => name).sort()).toEqual(
      [...SUBGRAPHS, ...WORKERS, GATEWAY].map((entry) => entry.name).sort(),
    );
    for (const [name, service] of built)
      expect([name, service.environment?.NODE_ENV]).toEqual([name, 'production']);
  });

  it('pins every image to an exact version', () => {
    for (const [, service] of services.filter(([, s]) => s.image))
      expect(service.image).toMatch(/^[\w./-]+:\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    expect(readFileSync(join(__dirname, '../../Dockerfile'), 'utf8')).toMatch(
      /^FROM node:\d+\.\d+\.\d+-/m,
    );
  });

  it('has no defaults for secrets: each is required, and refused when missing', () => {
    const text = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/\$\{\w+:?-/);
    for (const secret of Object.keys(OPERATOR_ENV)) {
      expect(text).toContain(`\${${secret}:?`);
      const without = { ...OPERATOR_ENV, [secret]: undefined };
      const refused = built.some(([, service]) => {
        try {
          interpolate(service.environment ?? {}, without);
          return false;
        } catch {
          return true;
        }
      });
      expect([secret, refused]).toEqual([secret, true]);
    }
  });

  it('gives each service everything its production configuration requires', () => {
    for (const entry of [...SUBGRAPHS, ...WORKERS, GATEWAY]) {
      const env = interpolate(compose.services[entry.name].environment ?? {}, OPERATOR_ENV);
      expect(entry.config(env)).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0' });
    }
  });
});
