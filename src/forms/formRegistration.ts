/**
 * What the rest of the system knows of a form: its one name and what the menu, case store,
 * follow-up and console read. Dialog code lives in dialogs/; these declarations are plain data,
 * so src/ and the console can use them without importing a dialog.
 */
export interface FormRegistration {
  /**
   * The one identity of the form: menu option, dialog id, locale namespace (`forms.<name>` for
   * declared forms), console screens. Forms written before the registry keep their older locale
   * namespace and case kind (`caseKind`), so stored cases stay readable.
   */
  name: string;
  /** Bumped when the steps change: drafts of an older version re-ask only what is missing. */
  version: number;
  /** Position in the main menu (built-in options person 5, status 6, language 7); absent: not in the menu. */
  menuOrder?: number;
  /** Locale key of the menu label (default `menu.options.<name>`). */
  menuLabelKey?: string;
  /** Team (data file `teams`) a hand-off from this form goes to; also the hand-off topic. */
  topic: string;
  /** The case this form files, if any. */
  case?: {
    /** Stored kind (older forms: `laptop-request`…; declared forms: their name). */
    kind: string;
    /** Reference prefix: LAP in LAP-7K3Q9. */
    prefix: string;
  };
  /** The fields of the result, in order, with the locale key of each label (console, summary). */
  fields: { name: string; labelKey: string }[];
}

/** Where a case kind's prefix comes from: the forms that file it. */
export function prefixesOf(forms: readonly FormRegistration[]): Record<string, string> {
  return Object.fromEntries(forms.flatMap((f) => (f.case ? [[f.case.kind, f.case.prefix]] : [])));
}
