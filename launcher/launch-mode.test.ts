import { defaultToDevelopment } from './launch-mode';

describe('the mode npm start runs in', () => {
  it('is development, said out loud, when npm runs `start` with NODE_ENV unset', () => {
    const env: Record<string, string | undefined> = { npm_lifecycle_event: 'start' };
    expect(defaultToDevelopment(env)).toMatch(/development mode.*Never expose it to a network/s);
    expect(env.NODE_ENV).toBe('development');
  });

  it('is whatever NODE_ENV says when set, production included', () => {
    const env: Record<string, string | undefined> = {
      npm_lifecycle_event: 'start',
      NODE_ENV: 'production',
    };
    expect(defaultToDevelopment(env)).toBeNull();
    expect(env.NODE_ENV).toBe('production');
  });

  it('stays production when the launcher is run any other way with NODE_ENV unset', () => {
    for (const npm_lifecycle_event of [undefined, 'seed', 'prestart']) {
      const env: Record<string, string | undefined> = { npm_lifecycle_event };
      expect(defaultToDevelopment(env)).toBeNull();
      expect(env.NODE_ENV).toBeUndefined();
    }
  });
});
