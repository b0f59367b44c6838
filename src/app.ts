import { MemoryStorage, type Storage } from 'botbuilder';
import type Redis from 'ioredis';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/mainDialog';
import type { DialogDeps } from '../dialogs/shared/dialogDeps';
import { buildMenuForms, FORMS } from '../dialogs/forms';
import type { FormEntry } from '../dialogs/shared/defineForm';
import { CASE_PREFIXES, registerCaseKinds } from './cases/caseRecord';
import { registerFormsRoute } from './console/formsRoute';
import { stateMachineFor } from './followUp/caseStateMachines';
import { prefixesOf } from './forms/formRegistration';
import { createAdapter } from './adapter';
import { processActivityRequest } from './activityRequest';
import { HelplineBot, type TurnInterceptor } from './bot';
import { CaseService } from './cases/caseService';
import type { CaseStore } from './cases/caseStore';
import { MemoryCaseStore } from './cases/memoryCaseStore';
import type { Clock } from './clock';
import type { Config } from './config';
import type { FormServices, HandoffRequester } from './forms/formServices';
import { createHandoffModule, type HandoffModule } from './handoff/handoffModule';
import { publicStaff } from './console/helpdeskAuth';
import { registerHelpdeskRoutes } from './console/helpdeskRoutes';
import { registerEraseRoute } from './console/eraseRoute';
import { RedisSessionStore } from './console/redisSessionStore';
import { createFollowUp } from './followUp/followUpModule';
import type { StaffUser } from './console/staffUsers';
import { OpeningHoursCalendar } from './handoff/openingHours';
import type { HelplineData } from './helplineData';
import { Messages } from './i18n/messages';
import { createLimitsInterceptor } from './limits/limitsInterceptor';
import type { Logger } from './logger';
import { RedisConversationTraces } from './privacy/redisConversationTraces';
import { HandoffTraces } from './privacy/handoffTraces';
import { UserDataEraser } from './privacy/userDataEraser';
import { DEV_PII_KEY_SECRET, RedisKeys } from './redisKeys';
import { CrisisInterceptor } from './safety/crisisInterceptor';
import { MemoryAnonymousRecordStore } from './wellbeing/anonymousRecordStore';
import { RedisAnonymousRecordStore } from './wellbeing/redisAnonymousRecordStore';
import { createServer } from './server';
import { isLoopbackServiceUrl } from './serviceUrlPolicy';
import { ownOrigin } from './listenAddress';
import { InProcessChannels } from './replySender';
import { MemoryActivityDeduplicator, type ActivityDeduplicator } from './state/activityDeduplicator';
import { RedisActivityDeduplicator } from './state/redisActivityDeduplicator';
import { isRedisWritable } from './state/redisClient';
import { RedisStorage } from './state/redisStorage';
import { RedisTurnLock } from './state/redisTurnLock';
import { MemoryTurnLock } from './state/turnLock';
import { RedisCaseStore } from './cases/redisCaseStore';
import { DirectLineEmulator, registerDirectLineRoutes } from './webchat/directLine';
import { registerWebChatPage } from './webchat/webchatRoutes';
import type { Activity } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { SnapshotConversationState, SnapshotUserState } from './state/snapshotBotState';

export interface AppOptions {
  config: Config;
  data: HelplineData;
  logger: Logger;
  clock: Clock;
  localesDir: string;
  /** Redis mode when given; else the embedded in-memory stores. */
  redis?: Redis;
  keyPrefix?: string;
  /** Helpdesk staff accounts (HELPDESK_USERS_FILE, read by index.ts); none = nobody can log in. */
  staffUsers?: StaffUser[];
  /** The form registry (default FORMS): menu, reference prefixes, the console's forms API. */
  forms?: readonly FormEntry[];
}

/** Everything built, for the composition root and for end-to-end tests. */
export interface App {
  server: Server;
  messages: Messages;
  cases: CaseStore;
  storage: Storage;
  mode: 'memory' | 'redis';
  /** Hand-off queue, desk and events (tests look inside). */
  handoff: HandoffModule;
}

/**
 * Wires the whole bot from validated configuration. Side-effect free apart from what the given
 * Redis client does: it never reads the environment and never listens.
 */
export function buildApp(options: AppOptions): App {
  const { config, data, logger, clock, redis } = options;
  // Redis deployments must set PII_KEY_SECRET (src/config.ts); the default is for memory mode and tests.
  const keys = new RedisKeys(options.keyPrefix, config.PII_KEY_SECRET ?? DEV_PII_KEY_SECRET);
  const messages = Messages.load(options.localesDir, config.DEFAULT_LOCALE, data.locales.supported, data.openingHours.timeZone);
  const idleSeconds = data.retention.idleConversationDays * 24 * 3600;
  const storage: Storage = redis ? new RedisStorage(redis, keys, { ttlSeconds: idleSeconds }) : new MemoryStorage();
  const cases: CaseStore = redis ? new RedisCaseStore(redis, keys) : new MemoryCaseStore();
  const dedupe: ActivityDeduplicator = redis ? new RedisActivityDeduplicator(redis, keys) : new MemoryActivityDeduplicator();
  const conversationState = new SnapshotConversationState(storage);
  const userState = new SnapshotUserState(storage);
  const hours = new OpeningHoursCalendar(data.openingHours);
  const anonymous = redis ? new RedisAnonymousRecordStore(redis, keys) : new MemoryAnonymousRecordStore();
  const staff = (options.staffUsers ?? []).map(publicStaff);
  const appId = config.MicrosoftAppId ?? '';
  const handoffModule = createHandoffModule({ redis, keys, messages, data, hours, clock, logger, appId, staff });
  const handoff: HandoffRequester = handoffModule.service;
  const followUp = createFollowUp({ redis, keys, cases, clock, messages, sender: handoffModule.sender, data, logger, wellbeing: anonymous });
  const forms = options.forms ?? FORMS;
  const prefixes = { ...CASE_PREFIXES, ...prefixesOf(forms) };
  registerCaseKinds(Object.keys(prefixes));
  const caseService = new CaseService(cases, clock, (ids) => followUp.partnerNames(ids), prefixes);
  const handoffTraces = new HandoffTraces(handoffModule.queue, handoffModule.refs);
  const eraser = new UserDataEraser(caseService, redis ? [new RedisConversationTraces(redis, keys), handoffTraces] : [handoffTraces], { store: cases, clock });
  const services: FormServices = {
    data,
    clock,
    hours,
    cases: caseService,
    handoff,
    eraser,
    anonymous,
  };
  const deps: DialogDeps = { messages, services, userProfile: userState.createProperty('profile') };
  // Limits first: a flood or a huge message must not reach the crisis check or the dialogs.
  const interceptors: TurnInterceptor[] = [createLimitsInterceptor({ messages, limits: data.limits, redis, keys, logger: logger.child('limits') })];
  interceptors.push(new CrisisInterceptor(messages, data.crisisLines, handoff, logger.child('crisis')));
  // After the crisis check: a crisis word while waiting for staff must still raise the alarm.
  interceptors.push(handoffModule.relay);
  const bot = new HelplineBot({
    conversationState,
    userState,
    mainDialog: new MainDialog(deps, buildMenuForms(deps, forms), forms),
    messages,
    dedupe,
    logger: logger.child('bot'),
    interceptors,
    turnLock: redis ? new RedisTurnLock(redis, keys, { logger: logger.child('turnLock') }) : new MemoryTurnLock(),
  });
  // The browser chat's replies are handed over in-process (never an HTTP call to a Host header).
  const inProcess = new InProcessChannels();
  const adapter = createAdapter(config, logger.child('adapter'), messages, conversationState, { inProcess });
  handoffModule.sender.attach(adapter);
  const helpdesk = (s: Server): void =>
    registerHelpdeskRoutes(s, {
      users: options.staffUsers,
      usersFile: config.HELPDESK_USERS_FILE,
      sessionStore: redis ? new RedisSessionStore(redis, keys) : undefined,
      teams: data.teams,
      trustedProxies: config.TRUST_PROXY,
      // Local mode without a configured secret: random per start (sessions end with the process).
      sessionSecret: config.HELPDESK_SESSION_SECRET ?? randomBytes(32).toString('hex'),
      secureCookies: config.NODE_ENV === 'production',
      ...handoffModule,
      messages,
      clock,
      logger,
      rateLimitStore: redis,
      rateLimitPrefix: keys.console('login'),
      extraRoutes: [
        (s2, auth) => registerFormsRoute(s2, auth, { forms, messages, statusesOf: (kind) => stateMachineFor(kind).statuses }),
        (s2, auth) => followUp.register(s2, auth),
        (s2, auth) => registerEraseRoute(s2, auth, { cases, eraser, storage }),
      ],
    });
  const run = (context: Parameters<HelplineBot['run']>[0]): Promise<void> => bot.run(context);
  const directLine = new DirectLineEmulator({
    deliver: async (activity) => {
      await adapter.processActivityDirect('', activity as unknown as Activity, run);
    },
    logger: logger.child('directline'),
    serviceUrl: `${ownOrigin(config)}/directline`,
  });
  inProcess.register(directLine.serviceUrl, (conversationId, replyToId, activity) => directLine.appendBotActivity(conversationId, activity, replyToId));
  const server = createServer({
    logger,
    processActivity: (req, res) => processActivityRequest(adapter, run, req, res),
    maxBodyBytes: data.limits.maxBodyBytes,
    // With credentials the SDK checks serviceUrl against the channel's token.
    serviceUrlAllowed: config.MicrosoftAppId ? undefined : isLoopbackServiceUrl,
    health: async () => ({ store: redis ? 'redis' : 'memory', ok: redis ? await isRedisWritable(redis, keys.health()) : true }),
    // The browser page talks to the bot in local mode only: with credentials the bot would need
    // Azure tokens (internet) to answer, so the page is not offered then.
    registerRoutes: [
      ...(config.MicrosoftAppId ? [] : [(s: Server) => registerDirectLineRoutes(s, directLine), (s: Server) => registerWebChatPage(s)]),
      helpdesk,
    ],
  });
  return { server, messages, cases, storage, mode: redis ? 'redis' : 'memory', handoff: handoffModule };
}
