import { isIP } from 'node:net';
import type { Config } from './config';

type AddressConfig = Pick<Config, 'HOST' | 'PORT' | 'PUBLIC_URL' | 'MicrosoftAppId'>;

/**
 * The address to listen on: `HOST` when set; in local mode (no `MicrosoftAppId`, no token
 * checks) loopback only, so an unauthenticated bot is not reachable from the network by
 * default (issue 20); with credentials every interface (undefined: Node's `::` dual stack).
 */
export function listenHost(config: AddressConfig): string | undefined {
  return config.HOST ?? (config.MicrosoftAppId ? undefined : '127.0.0.1');
}

/** The bot's own origin: `PUBLIC_URL`, else the listening address. Never a request's Host header. */
export function ownOrigin(config: AddressConfig): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = listenHost(config) ?? '127.0.0.1';
  const shown = isIP(host) === 6 ? `[${host}]` : host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown}:${config.PORT}`;
}
