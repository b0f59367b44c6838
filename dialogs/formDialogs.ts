import type { FormDialogs } from './mainDialog';
import type { DialogDeps } from './shared/dialogDeps';
import { WellbeingCheckInDialog } from './wellbeingCheckIn/wellbeingCheckInDialog';

/**
 * The form behind each menu option. One line per form; an option without a form tells the user
 * how to reach a person instead.
 */
export function buildFormDialogs(deps: DialogDeps): FormDialogs {
  return {
    wellbeing: new WellbeingCheckInDialog(deps),
  };
}
