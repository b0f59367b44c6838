import type { Next, Request, Response, Server } from 'restify';
import { DirectLineEmulator } from './directLineEmulator';
import { DirectLineRequestError } from './directLineSchemas';

// The Direct Line emulator's public API lives here; the class and the schemas are split out
// only to keep files small.
export {
  DirectLineEmulator,
  type DirectLineActivity,
  type DirectLineEmulatorOptions,
} from './directLineEmulator';
export { DirectLineRequestError } from './directLineSchemas';

/** What a route hands to the emulator, taken from the HTTP request. */
interface Call {
  conversationId: string;
  activityId?: string;
  token?: string;
  origin: string;
  watermark: string | null;
  body: unknown;
}

type Method = 'get' | 'post' | 'put' | 'del';
type Route = [Method, string, number, (emulator: DirectLineEmulator, call: Call) => unknown];

const CLIENT = '/directline/v3/directline';
const CONNECTOR = '/directline/v3/conversations/:conversationId';
const ROUTES: Route[] = [
  // Direct Line client API, used by Web Chat.
  ['post', `${CLIENT}/conversations`, 201, (e, c) => e.createConversation(c.origin, c.body)],
  ['post', `${CLIENT}/tokens/refresh`, 200, (e, c) => e.refreshToken(c.token)],
  [
    'get',
    `${CLIENT}/conversations/:conversationId/activities`,
    200,
    (e, c) => e.getActivities(c.conversationId, c.token, c.watermark),
  ],
  [
    'post',
    `${CLIENT}/conversations/:conversationId/activities`,
    200,
    (e, c) => e.postUserActivity(c.origin, c.conversationId, c.token, c.body),
  ],
  // Bot Connector API, used by the bot's replies (its serviceUrl is `<origin>/directline`).
  ['post', `${CONNECTOR}/activities`, 200, (e, c) => e.appendBotActivity(c.conversationId, c.body)],
  [
    'post',
    `${CONNECTOR}/activities/:activityId`,
    200,
    (e, c) => e.appendBotActivity(c.conversationId, c.body, c.activityId),
  ],
  ['get', `${CONNECTOR}/members`, 200, (e, c) => e.members(c.conversationId)],
  // Updates and deletes are acknowledged only: Web Chat's polling never re-reads an activity.
  [
    'put',
    `${CONNECTOR}/activities/:activityId`,
    200,
    (e, c) => (e.requireConversation(c.conversationId), { id: c.activityId }),
  ],
  // 200, not 204: the connector client treats any status but 200/202 as a failed delete.
  [
    'del',
    `${CONNECTOR}/activities/:activityId`,
    200,
    (e, c) => e.requireConversation(c.conversationId),
  ],
];

const ERROR_CODES = { 400: 'BadArgument', 403: 'Forbidden', 404: 'NotFound', 413: 'TooLarge' };

function toCall(req: Request, emulator: DirectLineEmulator): Call {
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  return {
    conversationId: params.conversationId ?? '',
    activityId: params.activityId,
    token: /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1],
    origin: emulator.originOf(req.headers.host),
    watermark: new URL(req.url ?? '', 'http://local').searchParams.get('watermark'),
    body: req.body,
  };
}

/**
 * Mounts the Direct Line client API (`/directline/v3/directline/...`, used by Web Chat) and the
 * Bot Connector API (`/directline/v3/conversations/...`, used by the bot's replies).
 *
 * @remarks The server must already use `restify.plugins.bodyParser()`; the query string is read
 * here, so `queryParser` is optional.
 */
export function registerDirectLineRoutes(server: Server, emulator: DirectLineEmulator): void {
  for (const [method, path, status, action] of ROUTES) {
    server[method](path, (req: Request, res: Response, next: Next) => {
      try {
        res.send(status, action(emulator, toCall(req, emulator)));
      } catch (error) {
        if (error instanceof DirectLineRequestError) {
          const code = ERROR_CODES[error.status];
          res.send(error.status, { error: { code, message: error.message } });
        } else {
          const err = error instanceof Error ? error.message : String(error);
          emulator.logger.error({ err, path }, 'directLine: route failed');
          res.send(500, { error: { code: 'ServiceError', message: 'internal error' } });
        }
      }
      return next();
    });
  }
}
