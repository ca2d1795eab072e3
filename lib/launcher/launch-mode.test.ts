import { defaultToDevelopment } from './launch-mode';

describe('the mode npm start runs in', () => {
  it('is development, said out loud, when NODE_ENV is unset', () => {
    const env: Record<string, string | undefined> = {};
    expect(defaultToDevelopment(env)).toMatch(/development mode.*Never expose it to a network/s);
    expect(env.NODE_ENV).toBe('development');
  });

  it('is whatever NODE_ENV says when set, production included', () => {
    const env: Record<string, string | undefined> = { NODE_ENV: 'production' };
    expect(defaultToDevelopment(env)).toBeNull();
    expect(env.NODE_ENV).toBe('production');
  });
});
