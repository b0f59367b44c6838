import type { Messages } from '../../src/i18n/messages';
import type { PupilConcern } from './pupilConcern.schema';

const NS = 'pupilConcern';

/**
 * The summary the reporter checks before sending: every answer in plain words, plus the NAFT
 * note when the reporter is not the CLB (a NAFT trajectory always starts with a CLB referral).
 */
export function renderPupilConcernSummary(messages: Messages, locale: string, c: PupilConcern): string {
  const t = (key: string, vars: Record<string, unknown> = {}): string => messages.t(locale, `${NS}.${key}`, vars);
  const label = (group: string, value: string): string => t(`${group}.${value}`);
  const list = (group: string, values: readonly string[], other?: string): string =>
    values.map((v) => (v === 'other' && other ? `${label(group, v)} (${other})` : label(group, v))).join(', ');
  const yesNo = (value: string): string => messages.t(locale, `common.${value}`);
  const born = c.pupilBirthDate
    ? c.pupilBirthDate.split('-').reverse().join('-')
    : t('summaryLines.age', { age: c.pupilAge ?? '' });
  const partner = c.partner === 'other' && c.partnerOther ? c.partnerOther : label('partners', c.partner);
  const lines = [
    t('summaryLines.title'),
    t('summaryLines.reporter', {
      name: c.reporterName,
      role: c.reporterRole,
      org: c.orgName,
      orgKind: label('orgKinds', c.orgKind),
      phone: c.reporterPhone,
      email: c.reporterEmail,
    }),
    t('summaryLines.pupil', {
      firstName: c.pupilFirstName,
      initial: c.pupilSurnameInitial,
      born,
      school: c.school,
      level: label('levels', c.level),
      languages: c.homeLanguages,
    }),
    t('summaryLines.involved', { clb: yesNo(c.clbInvolved), partner }),
    t('summaryLines.worries', { worries: list('worries', c.worries, c.worryOther) }),
    t('summaryLines.actions', { actions: list('actions', c.actions, c.actionOther), parents: yesNo(c.parentsKnow) }),
    t('summaryLines.urgency', { urgency: label('urgencies', c.urgency) }),
  ];
  if (c.orgKind !== 'clb') lines.push(t('summaryLines.naftNote'));
  return lines.join('\n');
}
