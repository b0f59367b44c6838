import { canTransition, HANDOFF_EVENTS, HANDOFF_STATES, nextState, type HandoffEvent, type HandoffState } from '../../src/handoff/handoffState';

describe('handoff state machine', () => {
  const allowed: [HandoffState, HandoffEvent, HandoffState][] = [
    ['bot', 'enqueue', 'waiting'],
    ['closed', 'enqueue', 'waiting'],
    ['waiting', 'enqueue', 'waiting'],
    ['bot', 'requestCallback', 'callback'],
    ['waiting', 'claim', 'staff'],
    ['callback', 'claim', 'staff'],
    ['waiting', 'leave', 'bot'],
    ['staff', 'transferToQueue', 'waiting'],
    ['staff', 'transferToStaff', 'staff'],
    ['staff', 'release', 'bot'],
    ['staff', 'close', 'closed'],
    ['callback', 'close', 'closed'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  it('should refuse every move that is not in the table, with INVALID_TRANSITION', () => {
    const ok = new Set(allowed.map(([f, e]) => `${f}:${e}`));
    for (const from of HANDOFF_STATES) {
      for (const event of HANDOFF_EVENTS) {
        if (ok.has(`${from}:${event}`) || canTransition(from, event)) continue;
        expect(() => nextState(from, event)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
    expect(canTransition('staff', 'claim')).toBe(false);
    expect(canTransition('bot', 'release')).toBe(false);
    expect(canTransition('closed', 'claim')).toBe(false);
  });
});
