import { ANONYMOUS, decodeCaller, encodeCaller, type Caller } from './caller';

const VENDOR: Caller = {
  userId: '3f1c1a52-2c47-4c89-9a43-1d3c1a1f0b7e',
  role: 'VENDOR',
  emailVerified: true,
  ip: '203.0.113.7',
};

describe('caller header', () => {
  it('decodes what the gateway encodes, the same header again alike', () => {
    const header = encodeCaller(VENDOR);
    expect(decodeCaller(header)).toEqual(VENDOR);
    expect(decodeCaller(header)).toEqual(VENDOR);
  });

  it('hands out a remembered caller frozen, so no request can change it for the next', () => {
    const caller = decodeCaller(encodeCaller(VENDOR));
    expect(() => {
      (caller as { role: string }).role = 'ADMIN';
    }).toThrow(TypeError);
    expect(decodeCaller(encodeCaller(VENDOR)).role).toBe('VENDOR');
  });

  it.each([
    ['not base64url JSON', 'not-json'],
    ['an unknown role', encodeCaller({ ...VENDOR, role: 'ROOT' as Caller['role'] })],
    ['a user id that is not a UUID', encodeCaller({ ...VENDOR, userId: '1 OR 1=1' })],
  ])('reads %s as anonymous, every time', (_case, header) => {
    expect(decodeCaller(header)).toBe(ANONYMOUS);
    expect(decodeCaller(header)).toBe(ANONYMOUS);
  });
});
