import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { ConversationTokens } from './conversationTokens';
import {
  BotActivitySchema,
  CreateConversationSchema,
  DirectLineRequestError,
  MAX_BOT_ACTIVITY_CHARS,
  MAX_USER_ACTIVITY_CHARS,
  UserActivitySchema,
  WatermarkSchema,
  parse,
  sizeOf,
} from './directLineSchemas';

/** An activity as JSON; the bot side owns its schema, this module only routes it. */
export type DirectLineActivity = Record<string, unknown>;

/** Options of {@link DirectLineEmulator}. */
export interface DirectLineEmulatorOptions {
  /** Hands a user activity to the bot (the composition root wires `processActivityDirect`). */
  deliver: (activity: DirectLineActivity) => Promise<void>;
  /**
   * The `serviceUrl` of every activity: the bot's own origin + `/directline` (PUBLIC_URL or the
   * listening address), never a request's Host header. The composition root registers it as an
   * in-process channel, so the bot's replies never leave the process.
   */
  serviceUrl?: string;
  botId?: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  clock?: Clock;
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  /** Bytes of stored activities per conversation; the oldest go first past it (default 128 KB). */
  maxBytesPerConversation?: number;
  /** User messages waiting for the bot in one conversation; more get 429 (default 10). */
  maxPendingDeliveries?: number;
  /** A conversation used within this time is never evicted (default 10 minutes). */
  activeWindowMs?: number;
  /** How long a conversation token is valid; refreshing gives a new one (default 30 minutes). */
  tokenTtlSeconds?: number;
  /** How long one bot turn may hold up the next delivery in its conversation (default 30 s). */
  deliveryTimeoutMs?: number;
}

interface Conversation {
  id: string;
  userId: string;
  locale?: string;
  /** Stored activities; `activities[i]` has watermark position `firstSeq + i`. */
  activities: DirectLineActivity[];
  sizes: number[];
  bytes: number;
  firstSeq: number;
  nextId: number;
  lastActive: number;
  pending: number;
  /** Deliveries run one after another so two quick messages never race on bot state. */
  delivery: Promise<void>;
}

/**
 * An in-memory Direct Line 3.0 service for Web Chat in polling mode, so the browser chat at `/`
 * works with no Azure and no internet. The bot's replies arrive through
 * {@link appendBotActivity}, called in-process (src/replySender.ts, InProcessChannels).
 *
 * @remarks
 * Written by hand instead of using `offline-directline`, which pulls an old express, crashes when
 * the bot does not answer, drops `recipient` and overwrites the bot's `from`. State lives in this
 * process only (one instance). What an attacker could use (issue 20) is closed here: every read
 * and post needs the conversation's token, which expires and is bound to one conversation and
 * one user id the server chose; the bot's side has no HTTP route at all; memory is bounded per
 * conversation (count and bytes of activities, waiting deliveries) and in all (conversations);
 * when full, the least recently used conversation goes only if it is idle, else creation is
 * refused (503), so a flood of new conversations never ends an open chat. Per-IP and global
 * rates are the routes' (directLineLimits.ts).
 */
export class DirectLineEmulator {
  readonly botId: string;
  readonly serviceUrl: string;
  /** Also used by the routes for the (unexpected) 500s. */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens: ConversationTokens;
  private readonly deliver: DirectLineEmulatorOptions['deliver'];
  private readonly clock: Clock;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly maxBytes: number;
  private readonly maxPending: number;
  private readonly activeWindowMs: number;
  private readonly deliveryTimeoutMs: number;

  constructor(options: DirectLineEmulatorOptions) {
    this.deliver = options.deliver;
    this.serviceUrl = options.serviceUrl ?? 'http://127.0.0.1/directline';
    this.botId = options.botId ?? 'bot';
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.maxConversations = options.maxConversations ?? 1000;
    this.maxActivities = options.maxActivitiesPerConversation ?? 200;
    this.maxBytes = options.maxBytesPerConversation ?? 128 * 1024;
    this.maxPending = options.maxPendingDeliveries ?? 10;
    this.activeWindowMs = options.activeWindowMs ?? 10 * 60_000;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 30_000;
    this.tokens = new ConversationTokens(this.clock, options.tokenTtlSeconds ?? 1800);
  }

  /** How many conversations are held (tests and the flood check look). */
  get size(): number {
    return this.conversations.size;
  }

  /** Starts a conversation and delivers the `conversationUpdate` the bot welcomes with. */
  createConversation(body: unknown) {
    const { locale } = parse(CreateConversationSchema, body, 2_000, 'createConversation()');
    this.makeRoom();
    // The user id is ours, never the client's: the token binds it to the conversation, so a
    // client cannot pick another user's id and read their user state.
    const conv: Conversation = {
      id: randomUUID(),
      userId: `dl_${randomUUID()}`,
      locale,
      activities: [],
      sizes: [],
      bytes: 0,
      firstSeq: 0,
      nextId: 1,
      lastActive: this.clock.now().getTime(),
      pending: 0,
      delivery: Promise.resolve(),
    };
    this.conversations.set(conv.id, conv);
    // Real Direct Line sends this when the bot joins; offline-directline did not, so no welcome.
    this.enqueue(conv, {
      ...this.envelope(conv),
      type: 'conversationUpdate',
      from: { id: conv.userId, role: 'user' },
      membersAdded: [{ id: conv.userId }, { id: this.botId }],
    });
    return this.describe(conv, this.tokens.issue(conv.id, conv.userId));
  }

  /** A new token for the same conversation and user; the old one keeps working a minute. */
  refreshToken(token: string | undefined) {
    const claims = this.tokens.verify(token);
    const conv = claims && this.conversations.get(claims.conversationId);
    if (!claims || !conv || conv.userId !== claims.userId) throw new DirectLineRequestError(403, 'refreshToken(): unknown or expired token');
    this.touch(conv);
    return this.describe(conv, this.tokens.refresh(token ?? '', conv.id, conv.userId));
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
  postUserActivity(conversationId: string, token: string | undefined, body: unknown) {
    const conv = this.authorized(conversationId, token);
    const input = parse(UserActivitySchema, body, MAX_USER_ACTIVITY_CHARS, 'postActivity()');
    if (conv.pending >= this.maxPending) throw new DirectLineRequestError(429, 'postActivity(): too many messages waiting for the bot');
    // The envelope is ours (ids, routing, the user); the content, locale and channelData the client's.
    const locale = input.locale ?? conv.locale;
    const activity: DirectLineActivity = {
      ...input,
      ...this.envelope(conv),
      ...(locale ? { locale } : {}),
      from: { ...(input.from?.name ? { name: input.from.name } : {}), id: conv.userId, role: 'user' },
    };
    this.store(conv, activity);
    this.enqueue(conv, activity);
    return { id: activity.id as string };
  }

  /** Appends an activity the bot sent (in-process, never over HTTP), keeping its `from`. */
  appendBotActivity(conversationId: string, body: unknown, replyToId?: string) {
    const conv = this.conversation(conversationId);
    const input = parse(BotActivitySchema, body, MAX_BOT_ACTIVITY_CHARS, 'sendToConversation()');
    const activity: DirectLineActivity = {
      ...(JSON.parse(JSON.stringify(input)) as DirectLineActivity),
      id: this.nextId(conv),
      timestamp: this.clock.now().toISOString(),
      conversation: { id: conv.id },
      from: input.from ?? { id: this.botId, role: 'bot' },
      ...(replyToId && !input.replyToId ? { replyToId } : {}),
    };
    this.store(conv, activity);
    return { id: activity.id as string };
  }

  private conversation(conversationId: string): Conversation {
    const conv = this.conversations.get(conversationId);
    if (!conv) throw new DirectLineRequestError(404, 'conversation not found');
    return conv;
  }

  private authorized(conversationId: string, token: string | undefined): Conversation {
    const claims = this.tokens.verify(token);
    if (!claims || claims.conversationId !== conversationId) {
      throw new DirectLineRequestError(403, 'token missing, expired or not for this conversation');
    }
    const conv = this.conversation(conversationId);
    if (conv.userId !== claims.userId) throw new DirectLineRequestError(403, 'token not for this user');
    this.touch(conv);
    return conv;
  }

  /** Marks a conversation used and keeps the Map in least-recently-used order for eviction. */
  private touch(conv: Conversation): void {
    conv.lastActive = this.clock.now().getTime();
    this.conversations.delete(conv.id);
    this.conversations.set(conv.id, conv);
  }

  /** Frees one place when full: the least recently used conversation, if it is idle. */
  private makeRoom(): void {
    const now = this.clock.now().getTime();
    while (this.conversations.size >= this.maxConversations) {
      const oldest = this.conversations.values().next().value as Conversation;
      if (now - oldest.lastActive < this.activeWindowMs) {
        throw new DirectLineRequestError(503, 'createConversation(): every place is in use; try again later');
      }
      this.conversations.delete(oldest.id);
      this.tokens.forget(oldest.id);
    }
  }

  private envelope(conv: Conversation): DirectLineActivity {
    return {
      id: this.nextId(conv),
      timestamp: this.clock.now().toISOString(),
      channelId: 'directline',
      serviceUrl: this.serviceUrl,
      conversation: { id: conv.id },
      recipient: { id: this.botId, role: 'bot' },
      ...(conv.locale ? { locale: conv.locale } : {}),
    };
  }

  private nextId(conv: Conversation): string {
    return `${conv.id}|${String(conv.nextId++).padStart(7, '0')}`;
  }

  /** Keeps at most `maxActivities` and `maxBytes` (the newest activity always stays). */
  private store(conv: Conversation, activity: DirectLineActivity): void {
    const size = sizeOf(activity);
    conv.activities.push(activity);
    conv.sizes.push(size);
    conv.bytes += size;
    while (conv.activities.length > 1 && (conv.activities.length > this.maxActivities || conv.bytes > this.maxBytes)) {
      conv.activities.shift();
      conv.bytes -= conv.sizes.shift() ?? 0;
      conv.firstSeq += 1;
    }
  }

  private enqueue(conv: Conversation, activity: DirectLineActivity): void {
    conv.pending += 1;
    conv.delivery = conv.delivery.then(() => this.deliverOne(conv, activity));
  }

  /** Never rejects: a bot that throws or never answers must not take the server down. */
  private async deliverOne(conv: Conversation, activity: DirectLineActivity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), this.deliveryTimeoutMs).unref();
    });
    try {
      // `then` also catches a deliver that throws before returning its promise.
      const turn = Promise.resolve().then(() => this.deliver(activity));
      if ((await Promise.race([turn, slow])) === 'slow') {
        // Stop holding the queue so one stuck turn cannot silence the conversation for good.
        this.logger.warn({ conversationId: conv.id }, 'directLine: bot turn still running; moving on');
      }
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      this.logger.error({ conversationId: conv.id, err }, 'directLine: delivery failed');
    } finally {
      clearTimeout(timer);
      conv.pending -= 1;
    }
  }

  private describe(conv: Conversation, token: { token: string; expiresIn: number }) {
    return { conversationId: conv.id, token: token.token, expires_in: token.expiresIn };
  }
}
