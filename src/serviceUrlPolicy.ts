import { isIP } from 'node:net';

/**
 * Whether `serviceUrl` names this machine: http(s) to `localhost`, 127.0.0.0/8 or `::1`.
 *
 * @remarks
 * In local mode (no `MicrosoftAppId`) nothing vouches for an activity's `serviceUrl`, and the
 * bot POSTs its replies there: a forged one made it reach any host, port and path, a Redis port
 * included (issue 20). Local mode serves the Emulator and tests on this machine, so loopback is
 * all it needs. Written out rather than resolved: a name that resolves to loopback today may not
 * tomorrow, and IPv4-mapped forms (`::ffff:127.0.0.1`) are refused as well.
 */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
