import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogInstance } from 'botbuilder-dialogs';
import type { FormServices } from '../../src/forms/formServices';
import type { Messages } from '../../src/i18n/messages';

/**
 * A form left for the menu. Declared forms keep `{ answers, version }` (stable across deploys:
 * a changed form re-asks only what is missing or no longer valid); older forms their inner
 * dialog stack.
 */
export interface Draft {
  stack: DialogInstance[];
  answers?: Record<string, unknown>;
  version?: number;
  savedAt: string;
}

/** What the bot remembers about a user across conversations (user state). */
export interface UserProfile {
  /** Language the user chose explicitly; wins over the channel's locale. */
  locale?: string;
  /** Drafts of interrupted forms, by dialog id. */
  drafts?: Record<string, Draft>;
  /** Languages the user declined when we offered to switch (not offered again). */
  languageDeclined?: string[];
  /** The privacy notice was shown once. */
  privacyShown?: boolean;
}

/** What every dialog receives from the composition root. */
export interface DialogDeps {
  messages: Messages;
  services: FormServices;
  userProfile: StatePropertyAccessor<UserProfile>;
}
