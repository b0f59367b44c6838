import restify from 'restify';
import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  DirectLineEmulator,
  type DirectLineActivity,
  type DirectLineEmulatorOptions,
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

/** Builds the HTTP surface the way the composition root will, and listens on a free port. */
export async function startWebChatServer(
  options: DirectLineEmulatorOptions,
): Promise<WebChatTestServer> {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.use(restify.plugins.queryParser());
  const emulator = new DirectLineEmulator(options);
  registerDirectLineRoutes(server, emulator);
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

/**
 * A bot on the real botbuilder `CloudAdapter` in local mode (no app id): welcomes new members
 * and echoes messages, replying through the connector client to the activity's serviceUrl.
 */
export function cloudAdapterEchoBot(): DirectLineEmulatorOptions['deliver'] {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
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
