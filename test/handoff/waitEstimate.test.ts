import { estimateMinutes, shouldRefresh } from '../../src/handoff/waitEstimate';

describe('wait estimate', () => {
  it('should give no estimate with fewer than three waits', () => {
    expect(estimateMinutes(2, [60_000, 60_000])).toBeNull();
  });
  it('should multiply the average wait by the people to be served first', () => {
    expect(estimateMinutes(0, [60_000, 120_000, 180_000])).toBe(2);
    expect(estimateMinutes(2, [60_000, 120_000, 180_000])).toBe(6);
    expect(estimateMinutes(0, [1000, 1000, 1000])).toBe(1);
  });
});

describe('shouldRefresh', () => {
  it.each([
    ['first time', null, { ahead: 4, etaMinutes: null }, true],
    ['becoming next', { ahead: 1, etaMinutes: 4 }, { ahead: 0, etaMinutes: 2 }, true],
    ['still next', { ahead: 0, etaMinutes: 2 }, { ahead: 0, etaMinutes: 1 }, false],
    ['small estimate change', { ahead: 5, etaMinutes: 20 }, { ahead: 4, etaMinutes: 17 }, false],
    ['large estimate change', { ahead: 5, etaMinutes: 30 }, { ahead: 3, etaMinutes: 20 }, true],
    ['one move, no estimate', { ahead: 6, etaMinutes: null }, { ahead: 5, etaMinutes: null }, false],
    ['a third fewer, no estimate', { ahead: 6, etaMinutes: null }, { ahead: 4, etaMinutes: null }, true],
    ['estimate becomes known', { ahead: 6, etaMinutes: null }, { ahead: 6, etaMinutes: 12 }, true],
  ] as const)('%s', (_name, last, now, expected) => {
    expect(shouldRefresh(last, now)).toBe(expected);
  });
});
