import { MAX_DISPLAY_NAME_LENGTH } from '../display-name';
import { ANONYMOUS, decodeCaller, encodeCaller, type Caller } from './caller';

const VENDOR: Caller = {
  userId: '3f1c1a52-2c47-4c89-9a43-1d3c1a1f0b7e',
  role: 'VENDOR',
  emailVerified: true,
  ip: '203.0.113.7',
  displayName: 'Acme Tools',
  displayNameAt: 1_764_480_000_123,
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

  it('reads a header from a gateway older than display names as a caller without a name', () => {
    const { displayName: _name, displayNameAt: _at, ...older } = VENDOR;
    expect(decodeCaller(encodeCaller(older))).toEqual({
      ...older,
      displayName: null,
      displayNameAt: null,
    });
  });

  it('decodes a name of exactly the longest length users allows (the control)', () => {
    const longest = { ...VENDOR, displayName: 'x'.repeat(MAX_DISPLAY_NAME_LENGTH) };
    expect(decodeCaller(encodeCaller(longest))).toEqual(longest);
  });

  it.each([
    ['not base64url JSON', 'not-json'],
    ['an unknown role', encodeCaller({ ...VENDOR, role: 'ROOT' as Caller['role'] })],
    ['a user id that is not a UUID', encodeCaller({ ...VENDOR, userId: '1 OR 1=1' })],
    [
      'a name longer than users allows',
      encodeCaller({ ...VENDOR, displayName: 'x'.repeat(MAX_DISPLAY_NAME_LENGTH + 1) }),
    ],
    ['an empty name', encodeCaller({ ...VENDOR, displayName: '' })],
    ['a name without when it was read', encodeCaller({ ...VENDOR, displayNameAt: null })],
    ['a time without a name', encodeCaller({ ...VENDOR, displayName: null })],
    ['a time that is no time', encodeCaller({ ...VENDOR, displayNameAt: -1 })],
  ])('reads %s as anonymous, every time', (_case, header) => {
    expect(decodeCaller(header)).toBe(ANONYMOUS);
    expect(decodeCaller(header)).toBe(ANONYMOUS);
  });
});
