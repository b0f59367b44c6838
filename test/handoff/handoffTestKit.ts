import type { Activity, ConversationReference } from 'botbuilder';
import type { HandoffRequester } from '../../src/forms/formServices';
import { createHandoffModule, type HandoffModule } from '../../src/handoff/handoffModule';
import { OpeningHoursCalendar } from '../../src/handoff/openingHours';
import type { StaffMember } from '../../src/handoff/staffDesk';
import { silentLogger } from '../../src/logger';
import { RedisKeys } from '../../src/redisKeys';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, type TestWorld } from '../helpers/testDeps';

export const ANN: StaffMember = { username: 'ann', name: 'Ann', role: 'agent', teams: ['cmp'], languages: ['nl', 'en'] };
export const BERT: StaffMember = { username: 'bert', name: 'Bert', role: 'agent', teams: ['laptop-desk'], languages: ['nl', 'ber'] };

/** A proactive message as the fake adapter saw it. */
export interface Sent {
  conversationId: string;
  activity: Partial<Activity>;
}

/** The memory hand-off module wired into a TestWorld, with a fake adapter that records proactive sends. */
export function handoffWorld(): { world: TestWorld; module: HandoffModule; sent: Sent[]; texts: (conv: string) => string[] } {
  const world = makeTestWorld();
  const module = createHandoffModule({
    keys: new RedisKeys('t:'),
    messages: world.deps.messages,
    data: world.data,
    hours: new OpeningHoursCalendar(world.data.openingHours),
    clock: world.clock,
    logger: silentLogger,
    appId: '',
    staff: [ANN, BERT],
  });
  (world.services as { handoff: HandoffRequester }).handoff = module.service;
  const sent: Sent[] = [];
  module.sender.attach({
    continueConversationAsync: (async (_appId: string, ref: Partial<ConversationReference>, logic: (ctx: unknown) => Promise<void>) => {
      await logic({
        sendActivities: async (activities: Partial<Activity>[]) => {
          for (const activity of activities) sent.push({ conversationId: ref.conversation?.id ?? '', activity });
          return [];
        },
      });
    }) as never,
  });
  const texts = (conv: string): string[] =>
    sent.filter((s) => s.conversationId === conv && s.activity.type === 'message').map((s) => s.activity.text ?? '');
  return { world, module, sent, texts };
}

/** A user of that world, in their own conversation. */
export function userOf(world: TestWorld, module: HandoffModule, conversationId: string, locale = 'nl'): BotHarness {
  return new BotHarness({ world, locale, conversationId, userId: `u-${conversationId}`, interceptors: [module.relay] });
}
