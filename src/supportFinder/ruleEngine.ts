import type { AnswerName, Measure, Rule } from './measureSchema';

/** The finder's answers by name; a skipped question ("I'd rather not say") is simply absent. */
export type FinderAnswers = Partial<Record<AnswerName, string | readonly string[]>>;

/**
 * Three-valued truth: a condition on a skipped question is `unknown`, so a measure can still be
 * shown as "may fit" instead of being hidden because the user chose not to say something.
 */
export type Truth = 'yes' | 'no' | 'unknown';

/** Kleene logic: `all` is no if any part is no, `any` is yes if any part is yes, else unknown. */
export function evaluateRule(rule: Rule, answers: FinderAnswers): Truth {
  if ('all' in rule) {
    const parts = rule.all.map((r) => evaluateRule(r, answers));
    return parts.includes('no') ? 'no' : parts.includes('unknown') ? 'unknown' : 'yes';
  }
  if ('any' in rule) {
    const parts = rule.any.map((r) => evaluateRule(r, answers));
    return parts.includes('yes') ? 'yes' : parts.includes('unknown') ? 'unknown' : 'no';
  }
  if ('not' in rule) {
    const inner = evaluateRule(rule.not, answers);
    return inner === 'unknown' ? 'unknown' : inner === 'yes' ? 'no' : 'yes';
  }
  const given = answers[rule.answer];
  if (given === undefined || (Array.isArray(given) && given.length === 0)) return 'unknown';
  const wanted = 'equals' in rule ? [rule.equals] : rule.in;
  const values: readonly string[] = typeof given === 'string' ? [given] : given;
  return values.some((v) => wanted.includes(v)) ? 'yes' : 'no';
}

/**
 * How many conditions the answers confirmed (outside a `not`): more confirmed = better fit. An
 * `any` counts its best branch only, so a rule with many alternatives does not outrank a precise one.
 */
function confirmedConditions(rule: Rule, answers: FinderAnswers): number {
  if ('all' in rule) return rule.all.reduce((sum, r) => sum + confirmedConditions(r, answers), 0);
  if ('any' in rule) return Math.max(0, ...rule.any.map((r) => confirmedConditions(r, answers)));
  if ('not' in rule) return 0;
  return evaluateRule(rule, answers) === 'yes' ? 1 : 0;
}

/** A measure that fits (every condition confirmed) or may fit (some were skipped). */
export interface MeasureMatch {
  measure: Measure;
  fit: 'fits' | 'mayFit';
  /** Conditions the answers confirmed. */
  score: number;
  /** False when the information is from an earlier school year: shown as "may be outdated". */
  current: boolean;
}

/** True when the measure was verified for this school year or a later one ("2026-2027"). */
export function isCurrent(measure: Pick<Measure, 'validForSchoolYear'>, currentSchoolYear: string): boolean {
  // Same fixed "YYYY-YYYY" format on both sides, so text order is year order.
  return measure.validForSchoolYear >= currentSchoolYear;
}

/**
 * The measures that fit the answers, best fit first: "fits" before "may fit", then more
 * confirmed conditions, then current before outdated, then the order of the data file.
 */
export function matchMeasures(
  measures: readonly Measure[],
  answers: FinderAnswers,
  currentSchoolYear: string,
): MeasureMatch[] {
  const matches = measures.flatMap((measure, index) => {
    const truth = evaluateRule(measure.rule, answers);
    if (truth === 'no') return [];
    const match: MeasureMatch = {
      measure,
      fit: truth === 'yes' ? 'fits' : 'mayFit',
      score: confirmedConditions(measure.rule, answers),
      current: isCurrent(measure, currentSchoolYear),
    };
    return [{ match, index }];
  });
  matches.sort(
    (a, b) =>
      Number(b.match.fit === 'fits') - Number(a.match.fit === 'fits') ||
      b.match.score - a.match.score ||
      Number(b.match.current) - Number(a.match.current) ||
      a.index - b.index,
  );
  return matches.map((m) => m.match);
}
