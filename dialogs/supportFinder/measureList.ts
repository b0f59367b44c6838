import type { Messages } from '../../src/i18n/messages';
import type { MeasureMatch } from '../../src/supportFinder/ruleEngine';

/** What the list needs besides the matches. */
export interface MeasureListContext {
  messages: Pick<Messages, 't'>;
  locale: string;
  /** Helpline number, for `how` texts that say "call us". */
  helplinePhone: string;
  /** Forms this bot can start right now (a measure with one of these says "ask here"). */
  availableForms: readonly string[];
}

/**
 * The matching measures in a few lines each: name and description, how to get it, and whether
 * it only may fit or may be outdated. Plain numbered text, readable on every channel.
 */
export function renderMeasureList(matches: readonly MeasureMatch[], ctx: MeasureListContext): string {
  const t = (key: string, vars: Record<string, unknown> = {}): string => ctx.messages.t(ctx.locale, key, vars);
  if (matches.length === 0) return t('supportFinder.results.none');
  const blocks = matches.map((match, i) => {
    const { measure } = match;
    const base = `supportFinder.measures.${measure.id}`;
    const lines = [
      t('supportFinder.results.item', { number: i + 1, name: t(`${base}.name`), description: t(`${base}.description`) }),
      measure.form && ctx.availableForms.includes(measure.form)
        ? t('supportFinder.results.viaForm')
        : t('supportFinder.results.how', { how: t(`${base}.how`, { helplinePhone: ctx.helplinePhone, ...measure.contact }) }),
    ];
    if (match.fit === 'mayFit') lines.push(t('supportFinder.results.mayFit'));
    if (!match.current) lines.push(t('supportFinder.results.outdated', { schoolYear: measure.validForSchoolYear }));
    return lines.join('\n');
  });
  return [t('supportFinder.results.intro'), ...blocks].join('\n\n');
}
