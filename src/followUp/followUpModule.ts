import type Redis from 'ioredis';
import type { Server } from 'restify';
import type { CaseStore } from '../cases/caseStore';
import type { Clock } from '../clock';
import type { ProactiveSender } from '../handoff/proactive';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redisKeys';
import { CaseNotifier } from './caseNotifier';
import { CaseWorkflow } from './caseWorkflow';
import type { FollowUpAuth } from './followUpHttp';
import { registerFollowUpRoutes, type FollowUpRouteDeps } from './followUpRoutes';
import { MemoryPartnerStore, type PartnerStore } from './partnerStore';
import { RedisPartnerStore } from './redisPartnerStore';

export interface FollowUpOptions {
  redis?: Redis;
  keys: RedisKeys;
  cases: CaseStore;
  clock: Clock;
  messages: Messages;
  sender: Pick<ProactiveSender, 'send'>;
  data: HelplineData;
  logger: Logger;
  wellbeing?: FollowUpRouteDeps['wellbeing'];
}

/** The follow-up services, built once by the composition root. */
export interface FollowUp {
  partners: PartnerStore;
  workflow: CaseWorkflow;
  /** Partner names for "status REF" in the bot (unknown ids are left out). */
  partnerNames(ids: readonly string[]): Promise<string[]>;
  /** Registers the staff API routes and assets behind the console's guard. */
  register(server: Server, auth: FollowUpAuth): void;
}

/**
 * Wires the partner directory (seeded from the data file on first start), the workflow and the
 * reporter notifications, in memory or on Redis like every other store.
 */
export function createFollowUp(options: FollowUpOptions): FollowUp {
  const { redis, keys, cases, clock, data, logger } = options;
  const partners: PartnerStore = redis ? new RedisPartnerStore(redis, keys) : new MemoryPartnerStore();
  // Seeding is lazy and idempotent: every read waits for it, so no request sees an empty list
  // while the first instance is still writing it.
  let seeded: Promise<unknown> | undefined;
  const ready = (): Promise<unknown> =>
    (seeded ??= partners.seedOnce(data.partners).catch((error: Error) => {
      seeded = undefined;
      logger.warn({ err: error.message }, 'partner directory seed failed; will retry');
    }));
  const directory: PartnerStore = {
    list: () => ready().then(() => partners.list()),
    get: (id) => ready().then(() => partners.get(id)),
    create: (p) => ready().then(() => partners.create(p)),
    update: (p) => ready().then(() => partners.update(p)),
    remove: (id) => ready().then(() => partners.remove(id)),
    seedOnce: (seed) => partners.seedOnce(seed),
  };
  const notifier = new CaseNotifier(options.sender, options.messages, logger.child('followUp'));
  const workflow = new CaseWorkflow(cases, directory, notifier, clock);
  return {
    partners: directory,
    workflow,
    partnerNames: async (ids) => {
      const found = await Promise.all(ids.map((id) => directory.get(id)));
      return found.flatMap((p) => (p ? [p.name] : []));
    },
    register: (server, auth) =>
      registerFollowUpRoutes(server, { auth, cases, partners: directory, workflow, wellbeing: options.wellbeing, clock, data }),
  };
}
