import { z } from 'zod';
import { KnownCaseKindSchema, type CaseRecord } from '../cases/caseRecord';
import { caseFacts } from './caseFacts';

/** The console's case filters (query string of GET /api/helpdesk/cases). */
export const CaseQuerySchema = z.object({
  kind: KnownCaseKindSchema.optional(),
  status: z.string().max(40).optional(),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/).optional(),
  partner: z.string().max(60).optional(),
  language: z.string().max(10).optional(),
  urgency: z.string().max(20).optional(),
  /** Part of a reference, e.g. "ZRG-7K" or "7k3q". */
  q: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CaseQuery = z.infer<typeof CaseQuerySchema>;

/** One row of the case list: enough to pick a case, no free text of the family. */
export interface CaseSummary {
  reference: string;
  kind: CaseRecord['kind'];
  status: string;
  createdAt: string;
  updatedAt: string;
  schoolYear: string;
  language?: string;
  urgency?: string;
  school?: string;
  partnerIds: string[];
  linkedReports: number;
}

/** True when the case passes every filter that is set. */
export function matchesQuery(record: CaseRecord, query: Omit<CaseQuery, 'limit'>): boolean {
  if (query.kind && record.kind !== query.kind) return false;
  if (query.status && record.status !== query.status) return false;
  if (query.schoolYear && record.schoolYear !== query.schoolYear) return false;
  if (query.partner && !record.partnerIds.includes(query.partner)) return false;
  if (query.q) {
    const needle = query.q.trim().toUpperCase();
    if (needle && !record.reference.includes(needle)) return false;
  }
  if (query.language || query.urgency) {
    const facts = caseFacts(record);
    if (query.language && facts.language?.toLowerCase().split('-')[0] !== query.language.toLowerCase()) return false;
    if (query.urgency && facts.urgency !== query.urgency) return false;
  }
  return true;
}

/** The list row of a case. */
export function summarise(record: CaseRecord): CaseSummary {
  const facts = caseFacts(record);
  return {
    reference: record.reference,
    kind: record.kind,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    schoolYear: record.schoolYear,
    language: facts.language,
    urgency: facts.urgency,
    school: facts.school,
    partnerIds: record.partnerIds,
    linkedReports: record.linkedReports.length,
  };
}

/** Filters, newest first, and cuts at `limit`. */
export function queryCases(cases: readonly CaseRecord[], query: CaseQuery): CaseSummary[] {
  return cases
    .filter((c) => matchesQuery(c, query))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, query.limit)
    .map(summarise);
}
