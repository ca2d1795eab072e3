import ipaddr from 'ipaddr.js';

/**
 * The part of a client's address that abuse limits count: an IPv4 address as it is, an IPv6
 * address by its /64 network. One IPv6 subscriber is routinely given a whole /64, so counting
 * single IPv6 addresses would let one person make 2^64 fresh starts. An IPv4 address written as
 * IPv6 (`::ffff:192.0.2.1`, as a dual-stack socket reports it) counts as the IPv4 address.
 * Anything unparsable is counted as the text it is.
 */
export function limitedAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  const network = new ipaddr.IPv6([...parts, 0, 0, 0, 0]);
  return `${network.toString()}/64`;
}
