import { conversationKey } from '../../src/handoff/conversationKey';
import type { DeskEvent } from '../../src/handoff/handoffEvents';
import { ANN, BERT, handoffWorld, userOf } from './handoffTestKit';

const idOf = (conv: string): string => conversationKey({ channelId: 'test', conversation: { id: conv } as never });

describe('hand-off through the turn pipeline (memory)', () => {
  it('should queue on "medewerker", relay while waiting, let staff take over, talk and hand back', async () => {
    const { world, module, texts } = handoffWorld();
    const events: DeskEvent[] = [];
    module.events.subscribe((e) => events.push(e));
    const user = userOf(world, module, 'c1');
    await user.say('hallo');
    const queued = await user.sayText('medewerker');
    expect(queued).toContain('Ik geef uw gesprek door aan een medewerker');
    expect(queued).toContain('U bent als volgende aan de beurt.');
    const id = idOf('c1');
    expect(await module.queue.get(id)).toMatchObject({ state: 'waiting', priority: 'normal', team: 'cmp', language: 'nl', reason: 'asked' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'changed', id, state: 'waiting', reason: 'queued' }));

    await expect(user.say('is er iemand?')).resolves.toEqual([]);
    const transcript = await module.queue.transcript(id);
    expect(transcript.map((e) => e.text)).toEqual(expect.arrayContaining(['medewerker', 'is er iemand?']));
    expect(transcript.some((e) => e.from === 'bot' && e.text.includes('Waarmee kan ik helpen?'))).toBe(true);
    expect(events).toContainEqual({ type: 'message', id, entry: expect.objectContaining({ from: 'user', text: 'is er iemand?' }) });

    await module.desk.claim(id, ANN);
    expect(texts('c1')).toContain('Ann van het Centraal Meldpunt is nu bij u.');
    await module.desk.send(id, ANN, { cannedKey: 'greeting' });
    expect(texts('c1')).toContain('Dag, ik ben Ann van het Centraal Meldpunt. Waarmee kan ik u helpen?');
    await expect(user.say('menu')).resolves.toEqual([]);

    await module.desk.release(id, ANN);
    expect(texts('c1').at(-1)).toContain('teruggegeven aan de chatbot');
    expect(await user.sayText('hallo')).toContain('Waarmee kan ik helpen?');
  });

  it('should show canned replies in the user language and keep the Dutch for staff', async () => {
    const { world, module, texts } = handoffWorld();
    const user = userOf(world, module, 'c-en', 'en');
    await user.join();
    expect(await user.sayText('person')).toContain('passing your conversation');
    const id = idOf('c-en');
    await module.desk.claim(id, ANN);
    const entry = await module.desk.send(id, ANN, { cannedKey: 'goodbye' });
    expect(entry).toMatchObject({ text: 'Thank you, and have a nice day!', textNl: 'Bedankt, en nog een fijne dag!' });
    expect(texts('c-en')).toContain('Ann from the helpline is with you now.');
    await expect(module.desk.send(id, BERT, { text: 'hi' })).rejects.toMatchObject({ status: 409 });
  });

  it('should give the place in the queue and tell the second user when they are next', async () => {
    const { world, module, texts } = handoffWorld();
    const first = userOf(world, module, 'p1');
    const second = userOf(world, module, 'p2');
    await first.join();
    await second.join();
    await first.say('medewerker');
    world.clock.advance(1000);
    expect(await second.sayText('medewerker')).toContain('Er is 1 persoon voor u.');
    await module.desk.claim(idOf('p1'), ANN);
    expect(texts('p2')).toEqual(['U bent als volgende aan de beurt.']);
  });

  it('should leave the queue on "stop"', async () => {
    const { world, module } = handoffWorld();
    const user = userOf(world, module, 's1');
    await user.join();
    await user.say('medewerker');
    expect(await user.sayText('stop')).toContain('U hebt de wachtrij verlaten.');
    expect(await module.queue.get(idOf('s1'))).toMatchObject({ state: 'bot' });
    expect(await user.sayText('hallo')).toContain('Waarmee kan ik helpen?');
  });

  it('should offer a call-back outside opening hours and queue it as a call-back item', async () => {
    const { world, module } = handoffWorld();
    world.clock.set('2026-11-23T15:00:00+01:00');
    const user = userOf(world, module, 'cb');
    await user.join();
    const offer = await user.sayText('medewerker');
    expect(offer).toContain('Ze zijn er terug op dinsdag 24 november om 09:00');
    expect(offer).toContain('terugbellen');
    expect(await user.sayText('12')).toContain('geen geldig telefoonnummer');
    expect(await user.sayText('0470 12 34 56')).toContain('Wanneer past het u best');
    expect(await user.sayText('morgen om 10 uur')).toContain('belt u terug op +32470123456');
    expect(await module.queue.get(idOf('cb'))).toMatchObject({
      state: 'callback',
      kind: 'callback',
      callback: { phone: '+32470123456', moment: 'morgen om 10 uur' },
    });
  });

  it('should give crisis lines at once and queue crisis first, also outside opening hours', async () => {
    const { world, module } = handoffWorld();
    world.clock.set('2026-11-23T22:00:00+01:00');
    const normal = userOf(world, module, 'n1');
    await normal.join();
    await module.queue.transition(idOf('n1'), 'enqueue', { patch: module.service.fieldsFor({ topic: 'general', priority: 'normal', reason: 'asked' }, 'nl') });
    const user = userOf(world, module, 'cr');
    await user.join();
    const ctxReplies: string[] = [];
    await user.adapter.send('x').then(() => undefined);
    user.adapter.activeQueue.splice(0);
    await user.adapter.processActivity({ type: 'message', text: 'help', conversation: { id: 'cr' } } as never, async (ctx) => {
      ctx.onSendActivities(async (_c, acts, next) => {
        acts.forEach((a) => a.text && ctxReplies.push(a.text));
        return next();
      });
      await module.service.request(ctx, { topic: 'pupil-concern', priority: 'crisis', reason: 'crisis' });
    });
    expect(ctxReplies.join('\n')).toContain('Bel meteen 112');
    expect(ctxReplies.join('\n')).toContain('met voorrang');
    const list = await module.queue.list();
    expect(list.map((i) => i.priority)).toEqual(['crisis', 'normal']);
  });

  it('should close with a satisfaction question and take a 1-5 answer once', async () => {
    const { world, module, texts } = handoffWorld();
    const user = userOf(world, module, 'sv');
    await user.join();
    await user.say('medewerker');
    const id = idOf('sv');
    await module.desk.claim(id, ANN);
    await module.desk.close(id, ANN, 'solved');
    expect(texts('sv').slice(-2)).toEqual([
      'Bedankt voor uw gesprek met het Centraal Meldpunt.',
      expect.stringContaining('Hoe tevreden bent u'),
    ]);
    expect(await user.sayText('4')).toBe('Dank u voor uw antwoord.');
    expect(await user.sayText('hallo')).toContain('Waarmee kan ik helpen?');
  });

  it('should ask consent in the chat and record the answer', async () => {
    const { world, module, texts } = handoffWorld();
    const user = userOf(world, module, 'co');
    await user.join();
    await user.say('medewerker');
    const id = idOf('co');
    await module.desk.claim(id, ANN);
    await module.desk.askConsent(id, ANN);
    expect(texts('co').at(-1)).toContain('partnerorganisatie');
    expect(await user.sayText('ja')).toContain('uw antwoord is doorgegeven');
    expect(await module.queue.get(id)).toMatchObject({ consent: 'given' });
  });

  it('should transfer to a colleague and back to the queue, refusing strangers', async () => {
    const { world, module, texts } = handoffWorld();
    const user = userOf(world, module, 'tr');
    await user.join();
    await user.say('medewerker');
    const id = idOf('tr');
    await module.desk.claim(id, ANN);
    await expect(module.desk.claim(id, BERT)).rejects.toMatchObject({ status: 409 });
    await expect(module.desk.transfer(id, ANN, 'nobody')).rejects.toMatchObject({ status: 400 });
    await module.desk.transfer(id, ANN, 'bert');
    expect(texts('tr').at(-1)).toBe('Bert van het Centraal Meldpunt is nu bij u.');
    await expect(module.desk.release(id, ANN)).rejects.toMatchObject({ status: 409 });
    await module.desk.transfer(id, BERT, 'queue');
    expect(await module.queue.get(id)).toMatchObject({ state: 'waiting' });
    expect(texts('tr')).toContain('U bent als volgende aan de beurt.');
  });
});
