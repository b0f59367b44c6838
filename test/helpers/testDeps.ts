import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, UserState, type Storage } from 'botbuilder';
import type { DialogDeps } from '../../dialogs/shared/dialogDeps';
import { CaseService } from '../../src/cases/caseService';
import type { CaseStore } from '../../src/cases/caseStore';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { loadHelplineData } from '../../src/config';
import type { FormServices } from '../../src/forms/formServices';
import { OpeningHoursCalendar } from '../../src/handoff/openingHours';
import type { HelplineData } from '../../src/helplineData';
import { Messages } from '../../src/i18n/messages';
import { UserDataEraser } from '../../src/privacy/userDataEraser';
import { MemoryAnonymousRecordStore } from '../../src/wellbeing/anonymousRecordStore';
import { FixedClock } from '../fakes/fixedClock';
import { RecordingHandoff } from '../fakes/recordingHandoff';
import { SnapshotConversationState, SnapshotUserState } from '../../src/state/snapshotBotState';

export const ROOT = join(__dirname, '..', '..');
export const LOCALES_DIR = join(ROOT, 'locales');

/** The real data file, parsed once per test file. */
export function realData(): HelplineData {
  return loadHelplineData(join(ROOT, 'data', 'helpline.json'));
}

let cachedMessages: Messages | undefined;
/** All locale files, compiled once per test file. */
export function realMessages(): Messages {
  // The data file's order first (as the bot shows them), then any locale file not listed yet.
  const listed = realData().locales.supported;
  const files = readdirSync(LOCALES_DIR).filter((f) => /^[a-z]{2,3}\.json$/.test(f)).map((f) => f.slice(0, -5));
  cachedMessages ??= Messages.load(LOCALES_DIR, 'nl', [...listed, ...files.filter((l) => !listed.includes(l)).sort()]);
  return cachedMessages;
}

export interface TestWorld {
  deps: DialogDeps;
  services: FormServices;
  clock: FixedClock;
  caseStore: CaseStore;
  handoff: RecordingHandoff;
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  data: HelplineData;
}

export interface TestWorldOptions {
  storage?: Storage;
  caseStore?: CaseStore;
  clock?: FixedClock;
  data?: HelplineData;
  /** Another set of locale files (a test form brings its own texts). */
  messages?: Messages;
  /** Reference prefixes by case kind, when a test form files cases of its own. */
  prefixes?: Readonly<Record<string, string>>;
}

/** Real services on in-memory stores, a fixed clock and a recording hand-off. */
export function makeTestWorld(options: TestWorldOptions = {}): TestWorld {
  const storage = options.storage ?? new MemoryStorage();
  const clock = options.clock ?? new FixedClock();
  const data = options.data ?? realData();
  const caseStore = options.caseStore ?? new MemoryCaseStore();
  const caseService = new CaseService(caseStore, clock, undefined, options.prefixes);
  const handoff = new RecordingHandoff();
  const messages = options.messages ?? realMessages();
  const services: FormServices = {
    data,
    clock,
    hours: new OpeningHoursCalendar(data.openingHours),
    cases: caseService,
    handoff,
    eraser: new UserDataEraser(caseService),
    anonymous: new MemoryAnonymousRecordStore(),
  };
  const conversationState = new SnapshotConversationState(storage);
  const userState = new SnapshotUserState(storage);
  const deps: DialogDeps = { messages, services, userProfile: userState.createProperty('profile') };
  return { deps, services, clock, caseStore, handoff, storage, conversationState, userState, data };
}
