import { limitedAddress } from './client-address';

describe('the address abuse limits count', () => {
  it('counts an IPv4 address as itself', () => {
    expect(limitedAddress('192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts an IPv4 address written as IPv6 as the IPv4 address', () => {
    expect(limitedAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts every address of one IPv6 /64 as one', () => {
    const a = limitedAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    const b = limitedAddress('2001:0db8:0001:0002::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(b).toBe(a);
  });

  it('counts addresses of neighbouring /64 networks apart', () => {
    expect(limitedAddress('2001:db8:1:3::1')).not.toBe(limitedAddress('2001:db8:1:2::1'));
  });

  it('counts loopback and unparsable text as given', () => {
    expect(limitedAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(limitedAddress('::1')).toBe('::/64');
    expect(limitedAddress('not an address')).toBe('not an address');
  });
});
