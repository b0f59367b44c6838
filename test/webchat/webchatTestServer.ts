import restify from 'restify';
import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../../src/cachingBotAuthentication';
import { jsonBodyParser } from '../../src/jsonBodyParser';
import { InProcessChannels } from '../../src/replySender';
import {
  DirectLineEmulator,
  type DirectLineActivity,
  type DirectLineEmulatorOptions,
  type DirectLineRates,
  registerDirectLineRoutes,
} from '../../src/webchat/directLine';
import { registerWebChatPage } from '../../src/webchat/webchatRoutes';

/** The welcome both test bots send when they are added to a conversation. */
export const WELCOME = 'Welkom bij de testbot';

/** A running server with the page, the Direct Line routes and a bot behind `deliver`. */
export interface WebChatTestServer {
  origin: string;
  emulator: DirectLineEmulator;
  close(): Promise<void>;
}

/** Builds a bot's `deliver` once the emulator (where its replies go) exists. */
export type TestBot = (emulator: DirectLineEmulator) => DirectLineEmulatorOptions['deliver'];

/** Every test server's emulator, by its service URL: where the SDK bots' replies are handed over. */
const testChannels = new InProcessChannels();
let servers = 0;

/** Builds the HTTP surface the way the composition root does, and listens on a free port. */
export async function startWebChatServer(
  options: Omit<DirectLineEmulatorOptions, 'deliver'> & { bot?: TestBot; deliver?: DirectLineEmulatorOptions['deliver']; rates?: DirectLineRates },
): Promise<WebChatTestServer> {
  const server = restify.createServer();
  server.use(jsonBodyParser({ maxBodyBytes: 256 * 1024 }));
  let deliver: DirectLineEmulatorOptions['deliver'] = options.deliver ?? (() => Promise.resolve());
  servers += 1;
  const serviceUrl = options.serviceUrl ?? `http://127.0.0.1/directline/test-${servers}`;
  const emulator = new DirectLineEmulator({ ...options, serviceUrl, deliver: (activity) => deliver(activity) });
  testChannels.register(serviceUrl, (conversationId, replyToId, activity) => emulator.appendBotActivity(conversationId, activity, replyToId));
  if (options.bot) deliver = options.bot(emulator);
  registerDirectLineRoutes(server, emulator, options.rates);
  registerWebChatPage(server);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** A bot written WITHOUT botbuilder: welcomes and echoes by handing its replies to the emulator. */
export const handEchoBot =
  (seen: DirectLineActivity[] = []): TestBot =>
  (emulator) =>
  async (activity) => {
    seen.push(activity);
    const text = activity.type === 'message' ? `echo: ${String(activity.text)}` : WELCOME;
    emulator.appendBotActivity(
      (activity.conversation as { id: string }).id,
      { type: 'message', text, from: { ...(activity.recipient as object), name: 'Echo' }, recipient: activity.from, replyToId: activity.id },
      String(activity.id),
    );
  };

/**
 * A bot on the real botbuilder `CloudAdapter` in local mode (no app id) with the app's
 * authentication: welcomes new members and echoes, its replies handed over in-process to the
 * test server whose service URL the activity carries.
 */
export function cloudAdapterEchoBot(): DirectLineEmulatorOptions['deliver'] {
  const adapter = new CloudAdapter(new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}), { inProcess: testChannels }));
  return (activity: DirectLineActivity) =>
    adapter.processActivityDirect('', activity as unknown as Activity, async (ctx) => {
      if (ctx.activity.type === 'conversationUpdate') {
        const added = ctx.activity.membersAdded ?? [];
        if (added.some((m) => m.id !== ctx.activity.recipient.id)) await ctx.sendActivity(WELCOME);
      } else if (ctx.activity.type === 'message') {
        await ctx.sendActivity(`echo: ${ctx.activity.text}`);
      }
    });
}
