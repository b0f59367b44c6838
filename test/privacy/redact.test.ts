import { REDACTED, redactPersonalData, redactText } from '../../src/safety/redact';

describe('redactText', () => {
  it.each([
    ['bel mij op 0470 12 34 56 aub', 'bel mij op [redacted] aub'],
    ['mijn nummer: +32 470 12 34 56.', 'mijn nummer: [redacted].'],
    ['vast: 015/29.40.00', 'vast: [redacted]'],
    ['mail fatima.janssens@example.be of', 'mail [redacted] of'],
    ['rrn 85.07.30-033.28 en 85073003328', 'rrn [redacted] en [redacted]'],
    ['+31 6 12345678 (NL)', '[redacted] (NL)'],
  ])('removes personal data from %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each(['LAP-7K3Q9', 'turn failed', 'school year 2026-2027', 'postcode 2800'])('keeps %j', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('cuts very long strings before scanning', () => {
    expect(redactText('a'.repeat(10_000))).toHaveLength(2_001);
  });
});

describe('redactPersonalData', () => {
  it('cleans nested strings and errors without touching the input or id fields', () => {
    const input = {
      conversationId: 'conv-0470123456',
      err: new Error('invalid phone 0470 12 34 56'),
      nested: { list: ['a@b.be', 'ok'] },
      count: 3,
    };
    const copy = structuredClone({ ...input, err: undefined });
    const out = redactPersonalData(input) as Record<string, unknown>;
    expect(out.conversationId).toBe('conv-0470123456');
    expect((out.err as { message: string }).message).toBe(`invalid phone ${REDACTED}`);
    expect(out.nested).toEqual({ list: [REDACTED, 'ok'] });
    expect(out.count).toBe(3);
    expect({ ...input, err: undefined }).toEqual(copy);
  });

  it('drops what is nested too deep instead of scanning forever', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: '0470 12 34 56' } } } } } } };
    expect(JSON.stringify(redactPersonalData(deep))).not.toContain('0470');
  });
});
