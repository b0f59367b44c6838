import type Redis from 'ioredis';
import type { Clock } from '../clock';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redisKeys';
import { MemoryConversationRefStore, RedisConversationRefStore, type ConversationRefStore } from './conversationRefStore';
import { MemoryHandoffEvents, type HandoffEvents } from './handoffEvents';
import type { HandoffQueue } from './handoffQueue';
import { HandoffService } from './handoffService';
import { MemoryHandoffQueue } from './memoryHandoffQueue';
import type { OpeningHoursCalendar } from './openingHours';
import { MemoryPresenceStore, type PresenceStore } from './presenceStore';
import { AdapterProactiveSender } from './proactive';
import { RedisHandoffEvents } from './redisHandoffEvents';
import { RedisHandoffQueue } from './redisHandoffQueue';
import { RedisPresenceStore } from './redisPresenceStore';
import { RelayInterceptor } from './relayInterceptor';
import { StaffDesk, type StaffMember } from './staffDesk';

export interface HandoffModuleOptions {
  redis?: Redis;
  keys: RedisKeys;
  messages: Messages;
  data: HelplineData;
  hours: OpeningHoursCalendar;
  clock: Clock;
  logger: Logger;
  /** Bot app id for proactive messages ('' in local mode). */
  appId: string;
  staff: readonly StaffMember[];
}

/** The hand-off parts, built once per instance by the composition root. */
export interface HandoffModule {
  queue: HandoffQueue;
  refs: ConversationRefStore;
  events: HandoffEvents;
  presence: PresenceStore;
  service: HandoffService;
  relay: RelayInterceptor;
  desk: StaffDesk;
  /** Call once the adapter exists (it is built after the bot, which needs the service). */
  sender: AdapterProactiveSender;
}

/** Builds the hand-off module on Redis when a client is given, else in memory. */
export function createHandoffModule(options: HandoffModuleOptions): HandoffModule {
  const { redis, keys, messages, data, hours, clock } = options;
  const logger = options.logger.child('handoff');
  const ttl = data.retention.transcriptDays * 24 * 3600;
  const queue = redis ? new RedisHandoffQueue(redis, keys, ttl) : new MemoryHandoffQueue(clock);
  const refs = redis ? new RedisConversationRefStore(redis, keys, ttl) : new MemoryConversationRefStore();
  const events = redis ? new RedisHandoffEvents(redis, keys, logger) : new MemoryHandoffEvents();
  const presence = redis ? new RedisPresenceStore(redis, keys) : new MemoryPresenceStore();
  const sender = new AdapterProactiveSender(options.appId);
  const service = new HandoffService({ queue, refs, events, messages, data, hours, clock, sender, logger });
  const relay = new RelayInterceptor({ queue, events, service, messages, clock, data, hours });
  const byName = new Map(options.staff.map((s) => [s.username, s]));
  const desk = new StaffDesk({ queue, refs, events, messages, sender, clock, logger, service, staff: (u) => byName.get(u) });
  return { queue, refs, events, presence, service, relay, desk, sender };
}
