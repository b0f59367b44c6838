import type { CaseRecord } from '../cases/caseRecord';
import type { Partner } from '../helplineData';
import { caseFacts, neededOffers } from './caseFacts';

/** Area values with a meaning of their own; anything else is a Mechelen district name. */
export const AREA_REGION = 'region';
export const AREA_CITY = 'mechelen';

/** One suggestion, with what fits, so the coordinator sees why it is suggested. */
export interface PartnerSuggestion {
  partner: Partner;
  score: number;
  offers: string[];
  areaFit: 'district' | 'city' | 'region' | 'unknown';
  languageFit: 'spoken' | 'dutch' | 'unknown' | 'no';
  openCases: number;
  /** The reporter said this partner is already involved with the pupil. */
  involved: boolean;
}

export interface MatchOptions {
  /** Postcodes of the city (data file `laptop.mechelenPostcodes`): outside them only "region" fits. */
  cityPostcodes: readonly string[];
  /** Open cases per partner id, to spread work when two fit equally. */
  openCases?: ReadonlyMap<string, number>;
}

function areaFit(partner: Partner, district: string | undefined, postcode: string | undefined, city: readonly string[]): PartnerSuggestion['areaFit'] | undefined {
  const areas = partner.area.map((a) => a.toLowerCase());
  if (district && areas.includes(district.toLowerCase())) return 'district';
  const inCity = postcode === undefined ? undefined : city.includes(postcode);
  if (areas.includes(AREA_CITY) && inCity !== false) return inCity ? 'city' : 'unknown';
  if (areas.includes(AREA_REGION)) return 'region';
  // A partner for some districts only: fits a case whose district is not known, ranked lower.
  if (!district && inCity !== false) return 'unknown';
  return undefined;
}

function languageFit(partner: Partner, language: string | undefined): PartnerSuggestion['languageFit'] {
  const base = language?.toLowerCase().split('-')[0];
  if (!base) return 'unknown';
  if (partner.languages.includes(base)) return 'spoken';
  // Every partner in the directory works in Dutch (Flemish organisations); other languages only
  // count when the partner listed them.
  if (base === 'nl') return 'dutch';
  return partner.languages.length === 0 ? 'unknown' : 'no';
}

const AREA_POINTS = { district: 3, city: 2, region: 1, unknown: 0 } as const;
const LANGUAGE_POINTS = { spoken: 3, dutch: 2, unknown: 1, no: 0 } as const;

/**
 * Partners whose offer and area fit the case, best first: offer coverage counts most, then the
 * language, then how local they are; equal scores go to the partner with fewer open cases.
 * @remarks A partner whose offer does not cover any need of the case is never suggested; when the
 * case names no need (an erased or sparse report) every partner in the area is a candidate.
 */
export function suggestPartners(
  record: Pick<CaseRecord, 'kind' | 'data' | 'locale' | 'history' | 'status'>,
  partners: readonly Partner[],
  options: MatchOptions,
): PartnerSuggestion[] {
  const facts = caseFacts(record);
  const needs = neededOffers(record, facts);
  const suggestions: PartnerSuggestion[] = [];
  for (const partner of partners) {
    const offers = needs.filter((n) => partner.offers.includes(n));
    if (needs.length > 0 && offers.length === 0) continue;
    const area = areaFit(partner, facts.district, facts.postcode, options.cityPostcodes);
    if (!area) continue;
    const language = languageFit(partner, facts.language);
    const coverage = needs.length ? offers.length / needs.length : 0;
    // A partner already involved comes first: a second partner for the same question is exactly
    // the double approach the helpline exists to avoid (seed 001).
    const involved = facts.involvedPartner === partner.id;
    suggestions.push({
      partner,
      involved,
      score: (involved ? 1000 : 0) + Math.round(coverage * 100) + LANGUAGE_POINTS[language] * 10 + AREA_POINTS[area],
      offers,
      areaFit: area,
      languageFit: language,
      openCases: options.openCases?.get(partner.id) ?? 0,
    });
  }
  return suggestions.sort(
    (a, b) => b.score - a.score || a.openCases - b.openCases || a.partner.name.localeCompare(b.partner.name, 'nl'),
  );
}

/** Open (not final) cases per partner, from a list of cases and the final statuses. */
export function openCasesPerPartner(
  cases: readonly Pick<CaseRecord, 'partnerIds' | 'status'>[],
  finalStatuses: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) {
    if (finalStatuses.includes(c.status)) continue;
    for (const id of c.partnerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
