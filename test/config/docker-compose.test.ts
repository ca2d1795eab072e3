import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Env } from '../../lib/config/parse-env';
import { tracingSettingsFromEnv } from '../../lib/config/telemetry-env';
import { GATEWAY, SUBGRAPHS, WORKERS } from '../../launcher/services';
import { build } from '../../scripts/build';
import { DATABASES } from '../../launcher/databases';
import { migrateConfigFromEnv } from '../../scripts/migrate';

/** No Docker engine here: these read docker-compose.yml the way `docker compose` would. */
interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  restart?: string;
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const ROOT = join(__dirname, '../..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);
const built = services.filter(([, service]) => service.build);
/** The services of Bazaar itself, each run by the same entry point as in the launcher. */
const APPLICATION = [...SUBGRAPHS, ...WORKERS, GATEWAY];
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
  it('runs every Bazaar service, and the migrate command, in production mode', () => {
    expect(built.map(([name]) => name).sort()).toEqual(
      [...APPLICATION.map((entry) => entry.name), 'migrate'].sort(),
    );
    for (const [name, service] of built)
      expect([name, service.environment?.NODE_ENV]).toEqual([name, 'production']);
  });

  it('pins every image to an exact version', () => {
    for (const [, service] of services.filter(([, s]) => s.image))
      expect(service.image).toMatch(/^[\w./-]+:v?\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:\d+\.\d+\.\d+-/m);
  });

  it('has no defaults for secrets: each is required, and refused when missing', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
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
    for (const entry of APPLICATION) {
      const env = interpolate(compose.services[entry.name].environment ?? {}, OPERATOR_ENV);
      expect(entry.config(env)).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0' });
    }
  });

  const envOf = (name: string) =>
    interpolate(compose.services[name].environment ?? {}, OPERATOR_ENV);
  const portOf = (entry: (typeof APPLICATION)[number]) =>
    (entry.config(envOf(entry.name)) as { port: number }).port;

  it('runs the compiled entry points that `npm run build` writes, never the TypeScript loader', async () => {
    await build();
    for (const [name, service] of built) {
      expect([name, service.command?.[0]]).toEqual([name, 'node']);
      expect(service.command).toHaveLength(2);
      expect([name, existsSync(join(ROOT, service.command![1]))]).toEqual([name, true]);
    }
  });

  it('migrates once per deploy, before any service starts', () => {
    const migrate = compose.services.migrate;
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(migrate.restart).toBe('no');
    for (const entry of APPLICATION)
      expect([entry.name, compose.services[entry.name].depends_on?.migrate]).toEqual([
        entry.name,
        { condition: 'service_completed_successfully' },
      ]);
    const config = migrateConfigFromEnv(envOf('migrate'), []);
    expect(config.databases.map((database) => database.service)).toEqual(Object.keys(DATABASES));
    for (const database of config.databases)
      expect(new URL(database.url).host).toBe('postgres:5432');
  });

  it('lets every service but the gateway scale: no host port, no container name', () => {
    for (const [name, service] of built) {
      expect([name, service.container_name]).toEqual([name, undefined]);
      if (name !== GATEWAY.name) expect([name, service.ports]).toEqual([name, undefined]);
    }
    // The image's HEALTHCHECK probes /healthz on the port each service really listens on.
    for (const entry of APPLICATION)
      expect([entry.name, Number(envOf(entry.name).HEALTHCHECK_PORT)]).toEqual([
        entry.name,
        portOf(entry),
      ]);
  });

  it('sends every service’s traces to Jaeger, and Prometheus scrapes each one’s /metrics', () => {
    expect(compose.services.jaeger.image).toMatch(/^jaegertracing\/jaeger:/);
    for (const entry of APPLICATION) {
      const env = envOf(entry.name);
      expect([entry.name, env.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([
        entry.name,
        'http://jaeger:4318',
      ]);
      expect(tracingSettingsFromEnv(env, entry.name).enabled).toBe(true);
    }
    expect(compose.services.prometheus.volumes).toContain(
      './prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    const prometheus = parse(readFileSync(join(ROOT, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{
        job_name: string;
        dns_sd_configs: Array<{ names: string[]; type: string; port: number }>;
      }>;
    };
    const scraped = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [job.job_name, job.dns_sd_configs]),
    );
    const metricsPorts: Record<string, number> = {
      ...Object.fromEntries([...SUBGRAPHS, ...WORKERS].map((entry) => [entry.name, portOf(entry)])),
      gateway: Number(envOf('gateway').METRICS_PORT),
    };
    for (const [name, port] of Object.entries(metricsPorts))
      expect([name, scraped[name]]).toEqual([name, [{ names: [name], type: 'A', port }]]);
  });

  it('builds an image of compiled code and production dependencies that runs as a non-root user', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = stages[stages.length - 1];
    // The web app first: `npm run build` puts it beside the compiled gateway.
    expect(dockerfile).toMatch(/RUN npm run web:build\n(.*\n)*RUN npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    // The final stage copies the compiled code and the production dependencies, nothing else.
    expect(final.match(/^COPY .*/gm)).toEqual([
      'COPY --from=dependencies /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'COPY package.json ./',
    ]);
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/NODE_ENV=production/);
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(final).toMatch(/^CMD \["node", "dist\/gateway\/main\.js"\]$/m);
  });
});
