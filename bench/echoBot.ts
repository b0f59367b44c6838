import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify, { type Server } from 'restify';

/**
 * The framework's floor: the same CloudAdapter (local mode, no credentials) and restify body
 * parser as the real bot, echoing every message and doing nothing else — no state, no Redis.
 *
 * @remarks The one botbuilder import outside the allowed folders (STYLE.md): the floor must be
 * bare botbuilder, so it cannot go through the app's adapter module.
 */
export function createEchoServer(): Server {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const logic = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  };
  const server = restify.createServer({ name: 'echo-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, logic);
  });
  return server;
}
