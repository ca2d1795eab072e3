import { defaultHost, devConveniencesAllowed, nodeEnvSchema } from './node-env';

describe('the mode of a process', () => {
  it('is production when NODE_ENV is unset', () => {
    expect(nodeEnvSchema.parse(undefined)).toBe('production');
    expect(devConveniencesAllowed(undefined)).toBe(false);
  });

  it('allows development conveniences only in development and test', () => {
    expect(devConveniencesAllowed('development')).toBe(true);
    expect(devConveniencesAllowed('test')).toBe(true);
    for (const other of ['production', '', 'dev', 'Development', 'staging'])
      expect(devConveniencesAllowed(other)).toBe(false);
  });

  it('binds to loopback in development and tests, to every interface otherwise', () => {
    expect(defaultHost('development')).toBe('127.0.0.1');
    expect(defaultHost('test')).toBe('127.0.0.1');
    expect(defaultHost('production')).toBe('0.0.0.0');
    expect(defaultHost(undefined)).toBe('0.0.0.0');
  });
});
