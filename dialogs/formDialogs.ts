import { LaptopRequestDialog } from './laptopRequest/laptopRequestDialog';
import type { FormDialogs } from './mainDialog';
import { RegistrationHelpDialog } from './registrationHelp/registrationHelpDialog';
import { PupilConcernDialog } from './pupilConcern/pupilConcernDialog';
import type { DialogDeps } from './shared/dialogDeps';
import { SchoolBillDialog } from './schoolBill/schoolBillDialog';
import { SupportFinderDialog } from './supportFinder/supportFinderDialog';
import { WellbeingCheckInDialog } from './wellbeingCheckIn/wellbeingCheckInDialog';

/**
 * The form behind each menu option. One line per form; an option without a form tells the user
 * how to reach a person instead.
 */
export function buildFormDialogs(deps: DialogDeps): FormDialogs {
  return {
    registration: new RegistrationHelpDialog(deps),
    laptop: new LaptopRequestDialog(deps),
    concern: new PupilConcernDialog(deps),
    wellbeing: new WellbeingCheckInDialog(deps),
    support: new SupportFinderDialog(deps, { laptop: new LaptopRequestDialog(deps), registration: new RegistrationHelpDialog(deps) }),
    schoolBill: new SchoolBillDialog(deps),
  };
}
