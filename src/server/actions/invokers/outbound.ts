import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { PrivateTargets } from '../../config.js';

export type { PrivateTargets };

const SPECIAL_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const SPECIAL_V6: Array<[string, number]> = [
  // The unspecified and loopback addresses, and the deprecated IPv4-compatible ones (::127.0.0.1).
  ['::', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];

function blockList(ranges: Array<[string, number]>, family: 'ipv4' | 'ipv6', list = new BlockList()) {
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, family);
  return list;
}

const special = blockList(SPECIAL_V6, 'ipv6', blockList(SPECIAL_V4, 'ipv4'));

/**
 * Why a URL written without templates may not be called, judged by its host when that is an address or
 * localhost (a name is judged after DNS, when it is called); undefined when it may, or is not known yet.
 */
export function literalRefusalOf(url: string, allowed: PrivateTargets): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
  if (host === 'localhost' || host.endsWith('.localhost'))
    return (
      refusalOf('127.0.0.1', allowed) &&
      `${host} is the loopback address; set PORTICO_WEBHOOK_ALLOW_PRIVATE to allow it`
    );
  return isIP(host) ? refusalOf(host, allowed) : undefined;
}

/** Why an address may not be called, or undefined when it may. */
export function refusalOf(address: string, allowed: PrivateTargets): string | undefined {
  const family: 'ipv4' | 'ipv6' = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  const [checked, checkedFamily] = mapped ? [mapped, 'ipv4' as const] : [address, family];
  if (!special.check(checked, checkedFamily)) return undefined;
  if (allowed === true) return undefined;
  if (Array.isArray(allowed)) {
    const list = new BlockList();
    for (const cidr of allowed) {
      const [net, prefix] = cidr.split('/');
      const netFamily: 'ipv4' | 'ipv6' = isIP(net!) === 6 ? 'ipv6' : 'ipv4';
      list.addSubnet(net!, Number(prefix ?? (netFamily === 'ipv6' ? 128 : 32)), netFamily);
    }
    if (list.check(checked, checkedFamily)) return undefined;
  }
  return `${address} is a loopback, private or reserved address; set PORTICO_WEBHOOK_ALLOW_PRIVATE to allow it`;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves the host and refuses special addresses: the connection goes
 * to the address that was checked, so a name that resolves differently a moment later cannot slip past.
 */
export function guardedLookup(allowed: PrivateTargets) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map((a) => refusalOf(a.address, allowed)).find((r) => r !== undefined);
      if (refused) {
        const denial = Object.assign(new Error(`${hostname}: ${refused}`), { code: 'EPORTICO_PRIVATE' });
        return callback(denial, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
