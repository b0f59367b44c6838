import type { Request } from 'restify';

/**
 * The client's address for throttling: the socket's, or, when the socket is one of the trusted
 * proxies (`TRUST_PROXY`), the right-most address in X-Forwarded-For that is not a trusted proxy.
 *
 * @remarks Issue 20: with every login arriving from the proxy's address, anyone could lock anyone
 * out; believing X-Forwarded-For from anybody would let a client pick its own address. Only the
 * right-most entries were written by our proxies; what is left of them the client may have made up.
 */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>, trustedProxies: readonly string[]): string {
  const socket = normalize(req.socket.remoteAddress ?? '?');
  if (!trustedProxies.includes(socket)) return socket;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((part) => normalize(part.trim())).filter((part) => part !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return socket;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
const normalize = (address: string): string => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
