import type { Figures } from '../../src/followUp/followUpStats';
import { csvField, exportCount, figuresToCsv } from '../../src/followUp/statsCsv';

const FIGURES: Figures = {
  schoolYear: '2026-2027',
  reports: 31,
  linkedReports: 1,
  medianHoursToFirstContact: 5.5,
  contactedReports: 10,
  tables: [
    { id: 'reportsPerSchool', rows: [{ key: 'school b', count: 20 }, { key: '=HYPERLINK("x")', count: 5 }, { key: 'Sint-Jan, "Berchmans"', count: 4 }] },
    { id: 'wellbeingPerBand', rows: [{ key: 'low', count: 0 }, { key: 'notLow', count: 7 }] },
  ],
};

/** Parses our CSV (quoted fields, CRLF) back into rows, to check the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('figuresToCsv', () => {
  const csv = figuresToCsv(FIGURES);
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));

  it('should start with a BOM and a header and end every line with CRLF', () => {
    expect(csv.startsWith('\uFEFFtable,key,count\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('should show every count below 5 as "<5", zero included, and keep 5 and above', () => {
    expect(rows).toContainEqual(['reportsPerSchool', 'school b', '20']);
    expect(rows).toContainEqual(['reportsPerSchool', "'=HYPERLINK(\"x\")", '5']);
    expect(rows).toContainEqual(['reportsPerSchool', 'Sint-Jan, "Berchmans"', '<5']);
    expect(rows).toContainEqual(['wellbeingPerBand', 'low', '<5']);
    expect(rows).toContainEqual(['summary', 'linkedReports', '<5']);
  });

  it('should give the median only when at least 5 reports had a first contact', () => {
    expect(rows).toContainEqual(['summary', 'medianHoursToFirstContact', '5.5']);
    const few = parseCsv(figuresToCsv({ ...FIGURES, contactedReports: 4 }).slice(1));
    expect(few).toContainEqual(['summary', 'medianHoursToFirstContact', '']);
  });

  it('should have no count cell below 5 anywhere', () => {
    for (const [, , count] of rows.slice(1)) {
      if (/^\d+$/.test(count!)) expect(Number(count)).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('csv helpers', () => {
  it.each([
    [0, '<5'],
    [4, '<5'],
    [5, '5'],
    [123, '123'],
  ])('exportCount(%d) = %s', (n, shown) => expect(exportCount(n)).toBe(shown));

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['+32 470', "'+32 470"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-1', "'-1"],
  ])('csvField(%s) = %s', (value, out) => expect(csvField(value)).toBe(out));
});
