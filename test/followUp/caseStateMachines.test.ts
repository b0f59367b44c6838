import type { CaseKind, CaseRecord } from '../../src/cases/caseRecord';
import { FINAL_STATUSES } from '../../src/cases/caseRecord';
import { allStatuses, checkTransition, stateMachineFor } from '../../src/followUp/caseStateMachines';

type Step = Pick<CaseRecord, 'kind' | 'status' | 'history'>;
const at = '2026-11-23T10:00:00.000Z';

/** A case of `kind` that went through `statuses` (the last is the current one). */
function caseThrough(kind: CaseKind, ...statuses: string[]): Step {
  return { kind, status: statuses[statuses.length - 1]!, history: statuses.map((status) => ({ at, by: 'x', status })) };
}

describe('worry report (pupil-concern) state machine', () => {
  it.each([
    ['new', 'screened', {}],
    ['screened', 'assigned', { partnerIds: ['arktos'] }],
    ['new', 'assigned', { partnerIds: ['arktos', 'pros'] }],
    ['assigned', 'assigned', { partnerIds: ['profo'] }],
    ['assigned', 'contact-made', {}],
    ['assigned', 'screened', {}],
    ['contact-made', 'closed', { note: 'trajectory started' }],
    ['new', 'closed', { note: 'not for us: referred to CLB' }],
  ])('should allow %s → %s', (from, to, extra) => {
    expect(checkTransition(caseThrough('pupil-concern', from), to, extra)).toBeUndefined();
  });

  it.each([
    ['new', 'contact-made', 'notAllowed'],
    ['screened', 'contact-made', 'notAllowed'],
    ['closed', 'screened', 'notAllowed'],
    ['contact-made', 'assigned', 'notAllowed'],
    ['new', 'delivered', 'unknownStatus'],
    ['screened', 'assigned', 'partnerRequired'],
    ['contact-made', 'closed', 'outcomeRequired'],
  ])('should refuse %s → %s (%s)', (from, to, problem) => {
    expect(checkTransition(caseThrough('pupil-concern', from), to)).toBe(problem);
  });

  it('should treat a blank outcome as missing', () => {
    expect(checkTransition(caseThrough('pupil-concern', 'contact-made'), 'closed', { note: '   ' })).toBe('outcomeRequired');
  });
});

describe('laptop request state machine', () => {
  it('should follow a loan through to its return', () => {
    const steps = ['new', 'screened', 'approved-loan', 'delivered', 'returned'];
    for (let i = 1; i < steps.length; i += 1) {
      expect(checkTransition(caseThrough('laptop-request', ...steps.slice(0, i)), steps[i]!)).toBeUndefined();
    }
  });

  it('should close a delivered gift and never accept it "returned"', () => {
    const gift = caseThrough('laptop-request', 'new', 'screened', 'approved-gift', 'delivered');
    expect(checkTransition(gift, 'closed', { note: 'delivered, family happy' })).toBeUndefined();
    expect(checkTransition(gift, 'returned')).toBe('notAllowed');
  });

  it('should decide by the last approval when staff switched gift → loan', () => {
    const switched = caseThrough('laptop-request', 'new', 'screened', 'approved-gift', 'approved-loan', 'delivered');
    expect(stateMachineFor('laptop-request').next(switched)).toEqual(['returned', 'closed']);
  });

  it.each([
    ['new', 'approved-gift'],
    ['screened', 'delivered'],
    ['rejected', 'screened'],
    ['returned', 'closed'],
  ])('should refuse %s → %s', (from, to) => {
    expect(checkTransition(caseThrough('laptop-request', from), to, { note: 'n' })).toBe('notAllowed');
  });

  it('should need a reason to reject', () => {
    expect(checkTransition(caseThrough('laptop-request', 'screened'), 'rejected')).toBe('outcomeRequired');
  });
});

describe('call-back and registration help state machines', () => {
  it.each(['registration-help', 'callback'] as const)('%s: new → in-progress → closed, nothing after', (kind) => {
    expect(checkTransition(caseThrough(kind, 'new'), 'in-progress')).toBeUndefined();
    expect(checkTransition(caseThrough(kind, 'in-progress'), 'closed', { note: 'called, registered' })).toBeUndefined();
    expect(checkTransition(caseThrough(kind, 'closed'), 'in-progress')).toBe('notAllowed');
    expect(checkTransition(caseThrough(kind, 'new'), 'assigned')).toBe('unknownStatus');
  });
});

describe('every machine', () => {
  const kinds: CaseKind[] = ['pupil-concern', 'laptop-request', 'registration-help', 'callback', 'school-bill'];

  it.each(kinds)('%s: starts at "new", reaches a final status from every status, ends only in FINAL_STATUSES', (kind) => {
    const machine = stateMachineFor(kind);
    expect(machine.statuses[0]).toBe('new');
    for (const status of machine.finalStatuses) expect(FINAL_STATUSES).toContain(status);
    // Every status can reach a final one (no case can get stuck open).
    for (const start of machine.statuses) {
      const seen = new Set<string>([start]);
      const queue = [start];
      while (queue.length) {
        const status = queue.shift()!;
        for (const next of machine.next({ status, history: [{ at, by: 'x', status: 'approved-loan' }, { at, by: 'x', status }] })) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].some((s) => machine.finalStatuses.includes(s))).toBe(true);
    }
  });

  it('should list each status once across kinds', () => {
    const statuses = allStatuses();
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(statuses).toEqual(expect.arrayContaining(['new', 'assigned', 'contact-made', 'approved-loan', 'returned', 'closed']));
  });
});
