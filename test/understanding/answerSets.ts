import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/testDeps';

export type YesNoLabel = 'yes' | 'no' | 'unsure';
export interface AnswerSet {
  yesno: { text: string; label: YesNoLabel }[];
  frequency: { text: string; label: number }[];
  frequencyDebatable: { text: string; labels: number[] }[];
}

/** `../shared/understanding/dev.json`: the development set (never copied into locales/). */
export function devSet(): Record<string, AnswerSet> {
  const path = join(ROOT, '..', 'shared', 'understanding', 'dev.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { languages: Record<string, AnswerSet> }).languages;
}

/** `test/understanding/heldout/answers.json`: written without looking at locales/ or the dev set. */
export function heldOutSet(): Record<string, AnswerSet> {
  const path = join(ROOT, 'test', 'understanding', 'heldout', 'answers.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { languages: Record<string, AnswerSet> }).languages;
}
