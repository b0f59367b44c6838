import type { Figures } from './followUpStats';

/** Counts under this are exported as "<5", so that no pupil can be recognised in a small group. */
export const SMALL_COUNT = 5;

/** A count as exported: the number, or "<5" when it is small (zero included). */
export function exportCount(count: number): string {
  return count < SMALL_COUNT ? `<${SMALL_COUNT}` : String(count);
}

/**
 * One CSV field: quoted when needed, and a leading = + - @ defused with an apostrophe, because a
 * school name typed by a user must never run as a formula in a spreadsheet (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The figures as CSV (`table,key,count`; RFC 4180, CRLF, UTF-8 with BOM so Excel reads accents),
 * with every count under 5 shown as "<5", and the median withheld when fewer than 5 reports
 * had a first contact.
 */
export function figuresToCsv(figures: Figures): string {
  const lines: string[][] = [['table', 'key', 'count']];
  lines.push(['summary', 'schoolYear', figures.schoolYear]);
  lines.push(['summary', 'reports', exportCount(figures.reports)]);
  lines.push(['summary', 'linkedReports', exportCount(figures.linkedReports)]);
  lines.push(['summary', 'contactedReports', exportCount(figures.contactedReports)]);
  const medianShown =
    figures.medianHoursToFirstContact !== undefined && figures.contactedReports >= SMALL_COUNT
      ? String(figures.medianHoursToFirstContact)
      : '';
  lines.push(['summary', 'medianHoursToFirstContact', medianShown]);
  for (const table of figures.tables) {
    for (const row of table.rows) lines.push([table.id, row.key, exportCount(row.count)]);
  }
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}
