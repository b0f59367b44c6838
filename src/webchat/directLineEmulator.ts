import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import {
  BotActivitySchema,
  CreateConversationSchema,
  DirectLineRequestError,
  MAX_BOT_ACTIVITY_CHARS,
  MAX_USER_ACTIVITY_CHARS,
  UserActivitySchema,
  WatermarkSchema,
  parse,
} from './directLineSchemas';

/** An activity as JSON; the bot side owns its schema, this module only routes it. */
export type DirectLineActivity = Record<string, unknown>;

/** Options of {@link DirectLineEmulator}. */
export interface DirectLineEmulatorOptions {
  /** Hands a user activity to the bot (the composition root wires `processActivityDirect`). */
  deliver: (activity: DirectLineActivity) => Promise<void>;
  botId?: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  clock?: Clock;
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  /** How long one bot turn may hold up the next delivery in its conversation (default 30 s). */
  deliveryTimeoutMs?: number;
  /**
   * Origin the bot replies to (`<origin>/directline`). Unset = the request's Host header, which
   * the client controls: pin it (e.g. `http://127.0.0.1:3978`) wherever the page is public.
   */
  serviceOrigin?: string;
}

interface Conversation {
  id: string;
  token: string;
  userId: string;
  locale?: string;
  /** Stored activities; `activities[i]` has watermark position `firstSeq + i`. */
  activities: DirectLineActivity[];
  firstSeq: number;
  nextId: number;
  /** Deliveries run one after another so two quick messages never race on bot state. */
  delivery: Promise<void>;
}

const TOKEN_TTL_SECONDS = 3600;

/**
 * An in-memory Direct Line 3.0 service for Web Chat in polling mode, plus the Bot Connector
 * routes the bot replies to, so the browser chat at `/` works with no Azure and no internet.
 *
 * @remarks
 * Written by hand instead of using `offline-directline`, which pulls an old express, crashes when
 * the bot does not answer, drops `recipient` and overwrites the bot's `from`. State lives in this
 * process only: the browser page is for local use and one instance (behind a load balancer a
 * poll could reach an instance that never saw the conversation). Memory is bounded: the least
 * recently used conversation is evicted past `maxConversations`, the oldest activity past
 * `maxActivitiesPerConversation`.
 */
export class DirectLineEmulator {
  readonly botId: string;
  private readonly conversations = new Map<string, Conversation>();
  private readonly deliver: DirectLineEmulatorOptions['deliver'];
  /** Also used by the routes for the (unexpected) 500s. */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  private readonly clock: Clock;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly deliveryTimeoutMs: number;
  private readonly serviceOrigin?: string;

  constructor(options: DirectLineEmulatorOptions) {
    this.deliver = options.deliver;
    this.botId = options.botId ?? 'bot';
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.maxConversations = options.maxConversations ?? 1000;
    this.maxActivities = options.maxActivitiesPerConversation ?? 200;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 30_000;
    this.serviceOrigin = options.serviceOrigin;
  }

  /** Starts a conversation and delivers the `conversationUpdate` the bot welcomes with. */
  createConversation(origin: string, body: unknown) {
    const { locale } = parse(CreateConversationSchema, body, 2_000, 'createConversation()');
    // The user id is ours, never the client's: like a Direct Line token it binds one identity to
    // the conversation, so a client cannot pick another user's id and read their user state.
    const conv: Conversation = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      userId: `dl_${randomUUID()}`,
      locale,
      activities: [],
      firstSeq: 0,
      nextId: 1,
      delivery: Promise.resolve(),
    };
    this.conversations.set(conv.id, conv);
    for (const oldest of this.conversations.keys()) {
      if (this.conversations.size <= this.maxConversations) break;
      this.conversations.delete(oldest);
    }
    // Real Direct Line sends this when the bot joins; offline-directline did not, so no welcome.
    this.enqueue(conv, {
      ...this.envelope(conv, origin),
      type: 'conversationUpdate',
      from: { id: conv.userId, role: 'user' },
      membersAdded: [{ id: conv.userId }, { id: this.botId }],
    });
    return this.describe(conv);
  }

  /** Answers a token refresh with the same token: tokens here live as long as the conversation. */
  refreshToken(token: string | undefined) {
    const conv = [...this.conversations.values()].find((c) => sameSecret(c.token, token));
    if (!conv) throw new DirectLineRequestError(403, 'refreshToken(): unknown token');
    return this.describe(conv);
  }

  /** Activities at or after `watermark` (a position, not an id), and the next watermark. */
  getActivities(conversationId: string, token: string | undefined, watermark: unknown) {
    const conv = this.authorized(conversationId, token);
    const mark = parse(WatermarkSchema, watermark ?? '', 20, 'getActivities() watermark');
    const start = Math.max(0, Number(mark) - conv.firstSeq);
    const next = conv.firstSeq + conv.activities.length;
    return { activities: conv.activities.slice(start), watermark: String(next) };
  }

  /** Stores a user activity (so Web Chat shows it) and delivers it without waiting for the bot. */
  postUserActivity(
    origin: string,
    conversationId: string,
    token: string | undefined,
    body: unknown,
  ) {
    const conv = this.authorized(conversationId, token);
    const input = parse(UserActivitySchema, body, MAX_USER_ACTIVITY_CHARS, 'postActivity()');
    // The envelope is ours (ids, routing); the content, locale and channelData are the client's.
    const locale = input.locale ?? conv.locale;
    const activity: DirectLineActivity = {
      ...input,
      ...this.envelope(conv, origin),
      ...(locale ? { locale } : {}),
      from: { ...input.from, id: conv.userId, role: 'user' },
    };
    this.store(conv, activity);
    this.enqueue(conv, activity);
    return { id: activity.id as string };
  }

  /** Appends an activity the bot sent through the connector API, keeping its `from`. */
  appendBotActivity(conversationId: string, body: unknown, replyToId?: string) {
    const conv = this.conversation(conversationId);
    const input = parse(BotActivitySchema, body, MAX_BOT_ACTIVITY_CHARS, 'sendToConversation()');
    const activity: DirectLineActivity = {
      ...input,
      id: this.nextId(conv),
      timestamp: this.clock.now().toISOString(),
      conversation: { id: conv.id },
      from: input.from ?? { id: this.botId, role: 'bot' },
      ...(replyToId && !input.replyToId ? { replyToId } : {}),
    };
    this.store(conv, activity);
    return { id: activity.id as string };
  }

  /** The conversation's two members, as the connector's `getConversationMembers` returns them. */
  members(conversationId: string) {
    const conv = this.conversation(conversationId);
    return [
      { id: conv.userId, role: 'user' },
      { id: this.botId, role: 'bot' },
    ];
  }

  /** Throws a 404 error for a conversation that never existed or was evicted. */
  requireConversation(conversationId: string): void {
    this.conversation(conversationId);
  }

  private conversation(conversationId: string): Conversation {
    const conv = this.conversations.get(conversationId);
    if (!conv) throw new DirectLineRequestError(404, `conversation ${conversationId} not found`);
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, conv);
    return conv;
  }

  /** The `serviceUrl` origin for a request: the pinned one, else the Host header. */
  originOf(host: string | undefined): string {
    return this.serviceOrigin ?? `http://${host ?? 'localhost'}`;
  }

  private authorized(conversationId: string, token: string | undefined): Conversation {
    const conv = this.conversation(conversationId);
    if (!sameSecret(conv.token, token)) {
      throw new DirectLineRequestError(403, 'token does not belong to this conversation');
    }
    return conv;
  }

  private envelope(conv: Conversation, origin: string): DirectLineActivity {
    return {
      id: this.nextId(conv),
      timestamp: this.clock.now().toISOString(),
      channelId: 'directline',
      serviceUrl: `${origin}/directline`,
      conversation: { id: conv.id },
      recipient: { id: this.botId, role: 'bot' },
      ...(conv.locale ? { locale: conv.locale } : {}),
    };
  }

  private nextId(conv: Conversation): string {
    return `${conv.id}|${String(conv.nextId++).padStart(7, '0')}`;
  }

  private store(conv: Conversation, activity: DirectLineActivity): void {
    conv.activities.push(activity);
    while (conv.activities.length > this.maxActivities) {
      conv.activities.shift();
      conv.firstSeq += 1;
    }
  }

  private enqueue(conv: Conversation, activity: DirectLineActivity): void {
    conv.delivery = conv.delivery.then(() => this.deliverOne(conv.id, activity));
  }

  /** Never rejects: a bot that throws or never answers must not take the server down. */
  private async deliverOne(conversationId: string, activity: DirectLineActivity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), this.deliveryTimeoutMs).unref();
    });
    try {
      // `then` also catches a deliver that throws before returning its promise.
      const turn = Promise.resolve().then(() => this.deliver(activity));
      if ((await Promise.race([turn, slow])) === 'slow') {
        // Stop holding the queue so one stuck turn cannot silence the conversation for good.
        this.logger.warn({ conversationId }, 'directLine: bot turn still running; moving on');
      }
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      this.logger.error({ conversationId, err }, 'directLine: delivery failed');
    } finally {
      clearTimeout(timer);
    }
  }

  private describe(conv: Conversation) {
    return { conversationId: conv.id, token: conv.token, expires_in: TOKEN_TTL_SECONDS };
  }
}

function sameSecret(expected: string, given: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}
