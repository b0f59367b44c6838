import type { DialogContext } from 'botbuilder-dialogs';
import type { HandoffRequest } from '../../src/forms/formServices';
import type { Answers, FormDeclaration, FormEntry } from './defineForm';
import type { DialogDeps, Draft } from './dialogDeps';
import { FormStepsDialog, type FormStepsOptions, type FormStepsState } from './formSteps';
import { InterruptibleDialog } from './interruptibleDialog';

/**
 * The one dialog of every declared form: the shared interruption base (global words, drafts,
 * a person after three invalid answers) around the step interpreter.
 */
export class FormDialog<T extends Answers> extends InterruptibleDialog {
  protected readonly topic: string;
  protected readonly helpKey: string;

  constructor(
    private readonly form: FormDeclaration<T>,
    deps: DialogDeps,
  ) {
    super(form.name, deps);
    this.topic = form.topic;
    this.helpKey = form.helpKey;
    this.addDialog(new FormStepsDialog(`${form.name}Steps`, form, deps));
    this.initialDialogId = `${form.name}Steps`;
  }

  protected override startOptions(options: object | undefined): FormStepsOptions {
    return { initialOptions: options as Record<string, unknown> | undefined };
  }

  protected override continueOptions(draft: Draft, options: object | undefined): FormStepsOptions {
    return { answers: draft.answers, version: draft.version, initialOptions: options as Record<string, unknown> | undefined };
  }

  protected override draftOf(innerDc: DialogContext): Omit<Draft, 'savedAt'> {
    const state = this.stepsState(innerDc);
    return { stack: [], answers: state?.answers ?? {}, version: this.form.version };
  }

  /** Staff taking over see the answers given so far. */
  protected override handoffRequest(innerDc: DialogContext, reason: HandoffRequest['reason']): HandoffRequest {
    return { topic: this.topic, priority: 'normal', reason, formData: this.stepsState(innerDc)?.answers };
  }

  private stepsState(innerDc: DialogContext): FormStepsState | undefined {
    return innerDc.stack.find((d) => d.id === this.initialDialogId)?.state as FormStepsState | undefined;
  }
}

/** Declares a form: its registry entry, whose dialog is the shared interpreter. */
export function defineForm<T extends Answers>(form: FormDeclaration<T>): FormEntry & { declaration: FormDeclaration<T> } {
  const { schema: _schema, steps: _steps, summary: _summary, complete: _complete, initial: _initial, helpKey: _helpKey, ...registration } = form;
  return { ...registration, declaration: form, build: (deps) => new FormDialog(form, deps) };
}
