import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { gatewayConfigFromEnv } from './config';

const production = {
  SUBGRAPH_SECRET: 'a-production-secret-of-enough-length',
  JWT_PUBLIC_KEY: generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).publicKey,
};
const development = { NODE_ENV: 'development', DATA_DIR: '/tmp/bazaar-web-app-config-test' };

describe('the gateway web app settings', () => {
  it('serves the built app from web/dist in every mode, GraphiQL in development only', () => {
    const dir = join(__dirname, '..', 'web', 'dist');
    expect(gatewayConfigFromEnv(development).webApp).toEqual({ dir, graphiql: true });
    expect(gatewayConfigFromEnv(production).webApp).toEqual({ dir, graphiql: false });
  });

  it('takes another build folder, GraphiQL off in development, or no app at all', () => {
    expect(
      gatewayConfigFromEnv({ ...development, WEB_APP_DIR: '/srv/web', GRAPHIQL: 'false' }).webApp,
    ).toEqual({ dir: '/srv/web', graphiql: false });
    expect(gatewayConfigFromEnv({ ...production, WEB_APP: 'false' }).webApp).toBeNull();
  });
});
