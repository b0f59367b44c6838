import type { Request, Response, Server } from 'restify';
import { DirectLineRateError, DirectLineLimits, type DirectLineRates } from './directLineLimits';
import type { DirectLineEmulator } from './directLineEmulator';
import { DirectLineRequestError } from './directLineSchemas';

// The Direct Line emulator's public API lives here; the class, its tokens, limits and schemas
// are split out only to keep files small.
export {
  DirectLineEmulator,
  type DirectLineActivity,
  type DirectLineEmulatorOptions,
} from './directLineEmulator';
export { DirectLineRequestError } from './directLineSchemas';
export type { DirectLineRates } from './directLineLimits';

/** What a route hands to the emulator, taken from the HTTP request. */
interface Call {
  conversationId: string;
  token?: string;
  watermark: string | null;
  body: unknown;
}

type Limit = 'conversation' | 'post' | undefined;
type Route = ['get' | 'post', string, number, Limit, (emulator: DirectLineEmulator, call: Call) => unknown];

const CLIENT = '/directline/v3/directline';
// Only the client API Web Chat uses. The Bot Connector side (where the bot's replies landed) has
// no route any more: replies are handed over in-process, so nobody can post as the bot.
const ROUTES: Route[] = [
  ['post', `${CLIENT}/conversations`, 201, 'conversation', (e, c) => e.createConversation(c.body)],
  ['post', `${CLIENT}/tokens/refresh`, 200, 'post', (e, c) => e.refreshToken(c.token)],
  ['get', `${CLIENT}/conversations/:conversationId/activities`, 200, undefined, (e, c) => e.getActivities(c.conversationId, c.token, c.watermark)],
  ['post', `${CLIENT}/conversations/:conversationId/activities`, 200, 'post', (e, c) => e.postUserActivity(c.conversationId, c.token, c.body)],
];

const ERROR_CODES = { 400: 'BadArgument', 403: 'Forbidden', 404: 'NotFound', 413: 'TooLarge', 429: 'Throttled', 503: 'ServiceUnavailable' };

function toCall(req: Request): Call {
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  return {
    conversationId: params.conversationId ?? '',
    token: /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1],
    watermark: new URL(req.url ?? '', 'http://local').searchParams.get('watermark'),
    body: req.body,
  };
}

/**
 * Mounts the Direct Line client API (`/directline/v3/directline/...`, used by Web Chat), with
 * per-IP and global caps on new conversations and posts.
 *
 * @remarks The server must already parse JSON bodies (src/jsonBodyParser.ts); the query string
 * is read here. The client address is the socket's: this page is for local use, not behind a
 * proxy (README, Several instances).
 */
export function registerDirectLineRoutes(server: Server, emulator: DirectLineEmulator, rates?: DirectLineRates): void {
  const limits = new DirectLineLimits(rates);
  for (const [method, path, status, limit, action] of ROUTES) {
    server[method](path, async (req: Request, res: Response) => {
      try {
        if (limit) await limits[limit](req.socket.remoteAddress ?? '?');
        res.send(status, action(emulator, toCall(req)));
      } catch (error) {
        if (error instanceof DirectLineRequestError) {
          if (error instanceof DirectLineRateError) res.header('Retry-After', String(error.retryAfterSeconds));
          res.send(error.status, { error: { code: ERROR_CODES[error.status], message: error.message } });
        } else {
          const err = error instanceof Error ? error.message : String(error);
          emulator.logger.error({ err, path }, 'directLine: route failed');
          res.send(500, { error: { code: 'ServiceError', message: 'internal error' } });
        }
      }
    });
  }
}
