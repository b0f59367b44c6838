import { scoreSwemwbs, SWEMWBS_METRIC } from '../../dialogs/wellbeingCheckIn/swemwbs';

const THRESHOLD = 20.73;

/** The conversion table of domain.md §2.2, typed in again by hand so a typo in code shows. */
const TABLE: [number, number][] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32],
  [15, 15.84], [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25],
  [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03],
  [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
];

/** Seven answers that add up to `raw`: as many 5s as fit, the rest spread. */
function answersFor(raw: number): number[] {
  const answers = Array<number>(7).fill(1);
  let left = raw - 7;
  for (let i = 0; i < 7 && left > 0; i += 1) {
    const add = Math.min(4, left);
    answers[i] = 1 + add;
    left -= add;
  }
  return answers;
}

describe('scoreSwemwbs', () => {
  it('has exactly the 29 rows 7–35', () => {
    expect(Object.keys(SWEMWBS_METRIC).map(Number)).toEqual(TABLE.map(([raw]) => raw));
  });

  it.each(TABLE)('raw %i converts to metric %d', (raw, metric) => {
    const score = scoreSwemwbs(answersFor(raw), THRESHOLD);
    expect(score).toEqual({ status: 'complete', raw, metric, band: metric <= THRESHOLD ? 'low' : 'notLow' });
  });

  it.each([
    // Hand-computed: 3+3+3+3+3+3+3 = 21 → 19.25 (low); 4+3+4+3+4+3+4 = 25 → 22.35.
    [[3, 3, 3, 3, 3, 3, 3, 5], 21, 19.25, 'low'],
    [[4, 3, 4, 3, 4, 3, 4, 1], 25, 22.35, 'notLow'],
    [[5, 5, 5, 5, 5, 5, 5, 1], 35, 35.0, 'notLow'],
    [[1, 1, 1, 1, 1, 1, 1, 5], 7, 7.0, 'low'],
    [[4, 4, 3, 3, 3, 3, 3], 23, 20.73, 'low'],
    [[4, 4, 4, 3, 3, 3, 3], 24, 21.54, 'notLow'],
  ])('%j → raw %i, metric %d, %s', (answers, raw, metric, band) => {
    expect(scoreSwemwbs(answers, THRESHOLD)).toEqual({ status: 'complete', raw, metric, band });
  });

  it('never lets statement 8 change the score', () => {
    const base = [3, 4, 2, 3, 4, 3, 3];
    expect(scoreSwemwbs([...base, 1], THRESHOLD)).toEqual(scoreSwemwbs([...base, 5], THRESHOLD));
  });

  it.each([
    [[3, 3, 3, 3, 3, 3]],
    [[3, 3, 3, undefined, 3, 3, 3, 3]],
    [[3, 3, 3, 0, 3, 3, 3]],
    [[3, 3, 3, 6, 3, 3, 3]],
    [[3, 3, 3, 2.5, 3, 3, 3]],
    [[]],
  ])('is incomplete for %j', (answers) => {
    expect(scoreSwemwbs(answers, THRESHOLD)).toEqual({ status: 'incomplete' });
  });

  it('uses the threshold it is given (from the data file)', () => {
    const raw21 = answersFor(21);
    expect(scoreSwemwbs(raw21, 19.25)).toMatchObject({ band: 'low' });
    expect(scoreSwemwbs(raw21, 19.24)).toMatchObject({ band: 'notLow' });
  });
});
