import { Writable } from 'node:stream';
import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { onTurnError } from '../src/adapter';
import { StoreUnavailableError } from '../src/errors';
import { setTurnLocale } from '../src/i18n/turnLocale';
import { createLogger } from '../src/logger';
import { realMessages } from './helpers/testDeps';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('onTurnError', () => {
  async function failingTurn(error: Error, locale: string) {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    const state = new ConversationState(new MemoryStorage());
    const adapter = new TestAdapter(async (context) => {
      setTurnLocale(context, locale);
      await state.createProperty('x').set(context, { step: 3 });
      await state.saveChanges(context);
      throw error;
    });
    adapter.onTurnError = (context, err) => onTurnError(context, err, logger, realMessages(), state);
    await adapter.receiveActivity({ type: 'message', text: 'Mijn naam is Fatima, 0470123456' } as Activity);
    const replies = adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
    return { replies, lines };
  }

  it('apologises in the user language and logs the conversation id without the message', async () => {
    const { replies, lines } = await failingTurn(new Error('boom'), 'en');
    expect(replies.map((r) => r.text)).toEqual(['Sorry, something went wrong on our side. Please try again, or type \'menu\'.']);
    const log = lines.join('');
    expect(log).toContain('turn failed');
    expect(log).toContain('conversationId');
    expect(log).not.toContain('Fatima');
    expect(log).not.toContain('0470123456');
  });

  it('says "technical problem, your answers are kept" when the store is down', async () => {
    const { replies } = await failingTurn(new StoreUnavailableError('redis down'), 'nl');
    expect(replies[0]?.text).toContain('We hebben een technisch probleem');
  });
});
