import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { jsonBodyParser } from './jsonBodyParser';
import type { Logger } from './logger';

/** What the HTTP layer needs: no environment, no listening (tests build it on port 0). */
export interface ServerDeps {
  logger: Logger;
  /** Hands a Bot Framework request to the adapter (CloudAdapter.process with the bot's logic). */
  processActivity: (req: Request, res: Response) => Promise<void>;
  /** Store health for /healthz. */
  health: () => Promise<{ store: 'memory' | 'redis'; ok: boolean }>;
  /** Further routes (browser chat, helpdesk console), registered by their own modules. */
  registerRoutes?: ((server: Server) => void)[];
  /** The one body limit of every route (data file `limits.maxBodyBytes`). */
  maxBodyBytes?: number;
  /**
   * Whether the bot may send replies to an activity's `serviceUrl`. Local mode allows loopback
   * only (src/serviceUrlPolicy.ts); with credentials the SDK checks it against the token.
   */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
}

/**
 * One policy for every page: scripts only from our own origin (no inline script, no eval), no
 * framing by other sites. Web Chat injects its styles at runtime (emotion), hence
 * `'unsafe-inline'` for styles only; its images and uploads may be data:/blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The least an activity must have before the adapter sees it; everything else is the SDK's.
 * Checked before any state is touched: a garbage activity used to reach the turn, fail there,
 * and reset that conversation's state in the error handler (issue 20).
 */
const ActivityEnvelopeSchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
});

/** Staff and bot API answers hold personal data: never kept by a browser or a proxy. */
const NO_STORE_PREFIXES = ['/api/'];

/**
 * Builds the restify server with every route of CONTRACT.md. The body parser runs before the
 * adapter (otherwise CloudAdapter answers 400); bodies over the limit get 413.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'mechelen-helpline-bot', handleUncaughtExceptions: false });
  const log = deps.logger.child('http');
  // Node closes an idle keep-alive connection after 5 s. The channel (Azure's connector, a load
  // balancer) keeps its connections open much longer, so after a quiet spell every request of
  // a burst paid for a new connection, and one closed at the wrong moment fails the request
  // (README, Performance). Longer than the usual 60 s idle timeout of load balancers.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only, in memory, one limit (restify's bodyParser wrote multipart uploads to $TMPDIR).
  server.use(jsonBodyParser({ maxBodyBytes: deps.maxBodyBytes ?? 256 * 1024 }));
  // pre(), not use(): headers must also be on 404s and on routes other modules register.
  server.pre((req, res, next) => {
    res.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.header('X-Frame-Options', 'DENY');
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    if (NO_STORE_PREFIXES.some((prefix) => (req.url ?? '').startsWith(prefix))) res.header('Cache-Control', 'no-store');
    next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = ActivityEnvelopeSchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'Bad Request', message: 'body must be a Bot Framework activity' });
      return;
    }
    if (deps.serviceUrlAllowed && !deps.serviceUrlAllowed(parsed.data.serviceUrl)) {
      // Replies would go there: in local mode anyone could make the bot POST to any host.
      res.send(400, { error: 'Bad Request', message: 'serviceUrl not allowed' });
      return;
    }
    try {
      await deps.processActivity(req, res);
    } catch (error) {
      log.error({ err: (error as Error).message }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'Internal Server Error' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const health = await deps.health();
    res.send(health.ok ? 200 : 503, { status: health.ok ? 'ok' : 'unavailable', store: health.store });
  });

  for (const register of deps.registerRoutes ?? []) register(server);

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) {
      log.error({ route: req.getRoute()?.path, err: err.message }, 'request failed');
      // restify would answer with the error's own message: internal text stays in the log.
      err.toJSON = () => ({ code: 'InternalServer', message: 'internal error' });
    }
    callback();
  });
  return server;
}
