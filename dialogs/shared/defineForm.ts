import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { z } from 'zod';
import type { FormRegistration } from '../../src/forms/formRegistration';
import type { AskOptions } from './askDialog';
import type { DialogDeps } from './dialogDeps';
import type { FormOutcome } from './formOutcome';

/** The answers so far, by field. */
export type Answers = Record<string, unknown>;

/** What a step or a hook may use: the turn, the dependencies and the form's texts. */
export interface FormTurn {
  context: TurnContext;
  deps: DialogDeps;
  locale: string;
  /** Text of a key under the form's namespace (`forms.<name>.<key>`). */
  t(key: string, vars?: Record<string, unknown>): string;
  /** Text of any locale key (`common.yes`, `callback.languages.ar`). */
  text(key: string, vars?: Record<string, unknown>): string;
}

/** One question of a form: the field it fills and how it is asked. */
export interface FormStep {
  field: string;
  /** The question for `AskDialog`; `textKey` defaults to `ask.<field>` under the form's namespace. */
  ask: (answers: Answers, turn: FormTurn) => Omit<AskOptions, 'textKey'> & { textKey?: string };
  /** Asked only when this holds (default: always). A skipped field is removed from the answers. */
  when?: (answers: Answers, turn: FormTurn) => boolean;
  /** Texts sent before the question (an explanation), already rendered with `turn.t`. */
  before?: (answers: Answers, turn: FormTurn) => string[];
  /** Turns the prompt's value into the stored answer (e.g. drop "none of these"). */
  store?: (value: unknown, answers: Answers) => unknown;
}

/** A form as one declaration: the registry entry plus its steps, summary and completion. */
export interface FormDeclaration<T extends Answers> extends FormRegistration {
  /** The result; validated before `complete` sees it. */
  schema: z.ZodType<T>;
  steps: FormStep[];
  /** Locale key of this form's help text. */
  helpKey: string;
  /** Shown before "send?", with the numbered way to change one answer. */
  summary: (answers: Answers, turn: FormTurn) => string;
  /** Answers the form starts with (from the dialog's options), e.g. the situation chosen before. */
  initial?: (options: Record<string, unknown> | undefined) => Answers;
  /** Acts on the confirmed result (files the case, replies) and says how the form ended. */
  complete: (data: T, turn: FormTurn) => Promise<FormOutcome>;
}

/** A registry entry: the declaration's data and a way to build its dialog. */
export interface FormEntry extends FormRegistration {
  build(deps: DialogDeps): Dialog;
}

/** Locale namespace of a declared form. */
export const formNamespace = (name: string): string => `forms.${name}`;
