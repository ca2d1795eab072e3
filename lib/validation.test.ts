import fc from 'fast-check';
import { id, isId } from './validation';

describe('isId', () => {
  const agrees = (value: string) => expect(isId(value)).toBe(id.safeParse(value).success);

  it('accepts any UUID, in either case, as the id schema does', () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(isId(uuid)).toBe(true);
        expect(isId(uuid.toUpperCase())).toBe(true);
        agrees(uuid.toUpperCase());
      }),
    );
  });

  it('answers as the id schema does for any other string', () => {
    fc.assert(fc.property(fc.string(), (value) => agrees(value)));
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1 }), (uuid, extra) => {
        agrees(`${uuid}${extra}`);
        agrees(`${extra}${uuid}`);
        agrees(uuid.replace(/-/g, ''));
      }),
    );
  });

  it.each([
    ['00000000-0000-0000-0000-000000000000', true],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', true],
    ['6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', true],
    ['6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\n', false],
    ["6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5' OR 1=1", false],
    ['', false],
  ])('%j is an id: %s', (value, expected) => {
    expect(isId(value)).toBe(expected);
    agrees(value);
  });
});
