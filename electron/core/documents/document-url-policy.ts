import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { ResolvedAddress } from '../api/http-fetch';
import { StationError } from '../errors';
import { t } from '../i18n';

/**
 * Where a label's document may be downloaded from. The document URL comes from the API (or a
 * redirect of the document host), so it is untrusted: outside Demo it must be https to a host
 * on the public internet, checked after DNS resolution, so that a URL cannot make the station
 * fetch from this computer, the warehouse network or a cloud metadata service. A Demo label's
 * document comes only from the simulator's own origin. The rule is chosen by the environment
 * the LABEL was created in, never by the environment the station happens to be in now.
 */
export interface DocumentUrlPolicy {
  /**
   * Checks one address (the first one and every redirect) for a label of `environment`.
   * Resolves to the IP address to connect to (the one that was checked), or null when no DNS
   * was involved (the Demo simulator's own address); throws a `document_url_refused` StationError.
   */
  vet(url: URL, environment: EnvironmentId): Promise<ResolvedAddress | null>;
}

/** Every address a host name resolves to (dns.lookup with `all`), injectable for tests. */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export interface DocumentUrlPolicyOptions {
  /** The origin (`http://127.0.0.1:port`) of the Demo simulator; asked only for Demo labels. */
  demoOrigin: () => Promise<string>;
  /** Default: {@link systemLookup}. */
  lookup?: LookupAll;
}

/** The operating system's resolver, as node:http would use it, but every answer. */
export const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, order: 'verbatim' })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/**
 * Addresses no document may come from outside Demo. IPv4-mapped IPv6 addresses
 * (`::ffff:10.0.0.5`) are matched against the IPv4 ranges by BlockList itself.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (and cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.168.0.0', 16], // private
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified (::), loopback (::1) and the deprecated IPv4-compatible form (::10.0.0.5)
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still private)
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address in a loopback, private, link-local, unspecified or other non-public range. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return NOT_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function createDocumentUrlPolicy(options: DocumentUrlPolicyOptions): DocumentUrlPolicy {
  const lookup = options.lookup ?? systemLookup;
  return {
    async vet(url, environment) {
      if (environment === 'demo') {
        const origin = new URL(await options.demoOrigin()).origin;
        if (url.origin !== origin) throw refused(t('labels:document.reason.demoOnly'));
        return null;
      }
      if (url.protocol === 'http:') {
        throw refused(t(isLoopbackName(hostOf(url)) ? 'labels:document.reason.httpDemoOnly' : 'labels:document.reason.notHttps'));
      }
      if (url.protocol !== 'https:') throw refused(t('labels:document.reason.httpsOnly'));

      const host = hostOf(url);
      if (isLoopbackName(host)) throw refused(t('labels:document.reason.thisComputer'));
      if (host === 'local' || host.endsWith('.local')) throw refused(t('labels:document.reason.localDevice', { host }));
      const family = isIP(host);
      if (family !== 0) {
        if (isNonPublicAddress(host)) throw refused(t('labels:document.reason.privateAddress', { host }));
        return { address: host, family: family === 6 ? 6 : 4 };
      }
      const addresses = await lookup(host);
      // Any non-public answer refuses the host: which one a connection would use is not ours to pick.
      const local = addresses.find((a) => isNonPublicAddress(a.address));
      if (local) throw refused(t('labels:document.reason.privateHost', { host, address: local.address }));
      const [first] = addresses;
      if (!first) throw refused(t('labels:document.reason.noAddress', { host }));
      return first;
    },
  };
}

/** The host name without IPv6 brackets or trailing dots, lower case (the URL parser lowercased it). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
}

/** `localhost` and its subdomains, which resolvers answer with loopback without asking DNS (RFC 6761). */
function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isLoopbackAddress(host));
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
const isLoopbackAddress = (address: string) => LOOPBACK.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * `reason`: a clause in the operator's language (`labels:document.reason.*`). Every failure
 * sentence ends by saying the one thing the operator worries about: the label was not bought again.
 */
export function refused(reason: string): StationError {
  return new StationError('document_url_refused', t('labels:document.refused', { reason }));
}
