import { CALLBACK_FORM } from './callback/callbackForm';
import { LaptopRequestDialog } from './laptopRequest/laptopRequestDialog';
import { PupilConcernDialog } from './pupilConcern/pupilConcernDialog';
import { RegistrationHelpDialog } from './registrationHelp/registrationHelpDialog';
import { SchoolBillDialog } from './schoolBill/schoolBillDialog';
import type { FormEntry } from './shared/defineForm';
import type { DialogDeps } from './shared/dialogDeps';
import { SupportFinderDialog } from './supportFinder/supportFinderDialog';
import { WellbeingCheckInDialog } from './wellbeingCheckIn/wellbeingCheckInDialog';

/**
 * FORMS: every form, once. The menu, reference prefixes, hand-off topics and the console's forms
 * API read this list. Declared forms (`defineForm`) bring their own steps; the forms written
 * before the registry are registered here with their dialog class until they are declared too.
 */
export const FORMS: readonly FormEntry[] = [
  {
    name: 'registration',
    version: 1,
    menuOrder: 1,
    topic: 'registration-help',
    fields: [],
    build: (deps) => new RegistrationHelpDialog(deps),
  },
  {
    name: 'laptop',
    version: 1,
    menuOrder: 2,
    topic: 'laptop-request',
    case: { kind: 'laptop-request', prefix: 'LAP' },
    fields: [],
    build: (deps) => new LaptopRequestDialog(deps),
  },
  {
    name: 'concern',
    version: 1,
    menuOrder: 3,
    topic: 'pupil-concern',
    case: { kind: 'pupil-concern', prefix: 'ZRG' },
    fields: [],
    build: (deps) => new PupilConcernDialog(deps),
  },
  {
    name: 'wellbeing',
    version: 1,
    menuOrder: 4,
    topic: 'wellbeing',
    fields: [],
    build: (deps) => new WellbeingCheckInDialog(deps),
  },
  {
    name: 'support',
    version: 1,
    menuOrder: 8,
    topic: 'general',
    fields: [],
    build: (deps) => new SupportFinderDialog(deps, { laptop: new LaptopRequestDialog(deps), registration: new RegistrationHelpDialog(deps) }),
  },
  {
    name: 'schoolBill',
    version: 1,
    menuOrder: 9,
    topic: 'school-bill',
    case: { kind: 'school-bill', prefix: 'SCH' },
    fields: [],
    build: (deps) => new SchoolBillDialog(deps),
  },
  CALLBACK_FORM,
];

/** The dialogs of the forms in the menu, by form name. */
export function buildMenuForms(deps: DialogDeps, forms: readonly FormEntry[] = FORMS): Record<string, ReturnType<FormEntry['build']>> {
  return Object.fromEntries(forms.filter((f) => f.menuOrder !== undefined).map((f) => [f.name, f.build(deps)]));
}
