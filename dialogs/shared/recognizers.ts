import { Worker } from 'node:worker_threads';

/**
 * @microsoft/recognizers-text as a bonus where it works. Measured: it reads number words and
 * written dates in English, French and Spanish, but not Dutch, Turkish or Arabic-Indic digits,
 * so no flow depends on it; digits and numbered choices carry the load in every language.
 *
 * @remarks The models run in a worker thread of their own, for three reasons measured on the
 * benchmark machine:
 * - built, they hold ~37 MB of compiled expressions; in the bot's own heap every major garbage
 *   collection marks them again, and the open-loop p99 went from 15–26 ms to 35–43 ms;
 * - building them takes ~3.5 s, which would block every conversation at start-up;
 * - one parse can run long (French number parsing took 2.6–3.6 s, so French numbers are left to
 *   digits): in the worker it delays only the user who typed it, and after {@link PARSE_TIMEOUT_MS}
 *   the answer counts as not understood and the worker is replaced by a new one.
 * The suite's `recognizeNumber()` builds a new recognizer on every call (~370 ms), so the worker
 * builds each culture's model once.
 */
const NUMBER_CULTURES: Record<string, string> = { en: 'en-us', es: 'es-es' };
const DATE_CULTURES: Record<string, string> = { en: 'en-us', fr: 'fr-fr', es: 'es-es' };
const MAX_INPUT = 40;
/** A warm parse takes milliseconds; this also covers building a cold culture's model (up to ~2 s). */
const PARSE_TIMEOUT_MS = 5_000;

type Kind = 'number' | 'date';
type WorkerReply = { id: number; values: unknown[] } | { ready: true };

/**
 * The worker's code: plain JavaScript that needs no build step (the tests run TypeScript), with
 * the packages' paths resolved here so that it does not depend on the working directory.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { NumberRecognizer } = require(workerData.numberModule);
const { DateTimeRecognizer } = require(workerData.dateModule);
const models = new Map();
function model(kind, culture) {
  const key = kind + ':' + culture;
  let m = models.get(key);
  if (!m) {
    m = kind === 'number' ? new NumberRecognizer(culture).getNumberModel() : new DateTimeRecognizer(culture).getDateTimeModel();
    models.set(key, m);
  }
  return m;
}
parentPort.on('message', (request) => {
  if (request.warmUp) {
    for (const culture of request.warmUp.number) model('number', culture).parse('1');
    for (const culture of request.warmUp.date) model('date', culture).parse('1-1-2000');
    parentPort.postMessage({ ready: true });
    return;
  }
  let values = [];
  try {
    values = model(request.kind, request.culture).parse(request.text).map((r) => r.resolution);
  } catch {
    // An unparsable input is simply not recognised.
  }
  parentPort.postMessage({ id: request.id, values });
});
`;

/** The worker and the parses waiting for it; a new one is started after a crash or a timeout. */
export class RecognizerThread {
  private worker?: Worker;
  /** Settles when the worker has built its models (at once for a worker that builds them on demand). */
  private ready: Promise<void> = Promise.resolve();
  private endWarmUp?: () => void;
  private nextId = 1;
  private readonly pending = new Map<number, (values: unknown[]) => void>();

  /** @param parseTimeoutMs How long a parse may take before it counts as not understood. */
  constructor(private readonly parseTimeoutMs = PARSE_TIMEOUT_MS) {}

  warmUp(): Promise<void> {
    const worker = this.start();
    this.ready = new Promise((resolve) => (this.endWarmUp = resolve));
    worker.postMessage({ warmUp: { number: Object.values(NUMBER_CULTURES), date: Object.values(DATE_CULTURES) } });
    return this.ready;
  }

  /** The resolutions the model found; none when it found nothing, failed or took too long. */
  async parse(kind: Kind, culture: string, text: string): Promise<unknown[]> {
    const worker = this.start();
    // A parse waits for the warm-up rather than counting it against its own time.
    await this.ready;
    if (this.worker !== worker) return [];
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.replace(worker), this.parseTimeoutMs).unref();
      this.pending.set(id, (values) => {
        clearTimeout(timer);
        this.pending.delete(id);
        // Idle, the worker must not keep the process alive; a parse being waited for must.
        if (this.pending.size === 0) worker.unref();
        resolve(values);
      });
      worker.ref();
      worker.postMessage({ id, kind, culture, text });
    });
  }

  /** Stops the worker (tests, shutdown); waiting parses get no result. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.replace(worker);
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        numberModule: require.resolve('@microsoft/recognizers-text-number'),
        dateModule: require.resolve('@microsoft/recognizers-text-date-time'),
      },
    });
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) this.endWarmUp?.();
      else this.pending.get(reply.id)?.(reply.values);
    });
    // A fault in the worker never reaches the bot's turns.
    worker.on('error', () => this.replace(worker));
    worker.on('exit', () => this.replace(worker));
    // After the listeners (adding a 'message' listener refs the worker): idle, it must not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Drops `worker` (stuck, crashed or stopped): its waiting parses resolve empty, the next parse starts a new one. */
  private replace(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.endWarmUp?.();
    this.endWarmUp = undefined;
    this.ready = Promise.resolve();
    void worker.terminate();
    for (const done of [...this.pending.values()]) done([]);
  }
}

const thread = new RecognizerThread();

/** "twelve" / "doce" → 12 in en/es; undefined elsewhere or when unsure. */
export async function recognizeNumberWords(text: string, locale: string): Promise<number | undefined> {
  const culture = NUMBER_CULTURES[locale];
  if (!culture || text.length > MAX_INPUT) return undefined;
  const results = await thread.parse('number', culture, text);
  if (results.length !== 1) return undefined;
  const value = Number((results[0] as { value?: string } | undefined)?.value);
  return Number.isInteger(value) ? value : undefined;
}

/** "15 March 2012" / "15 mars 2012" → "2012-03-15" in en/fr/es; undefined otherwise. */
export async function recognizeWrittenDate(text: string, locale: string): Promise<string | undefined> {
  const culture = DATE_CULTURES[locale];
  if (!culture || text.length > MAX_INPUT) return undefined;
  const [first] = await thread.parse('date', culture, text);
  const values = (first as { values?: { type?: string; value?: string }[] } | undefined)?.values ?? [];
  return values.find((v) => v.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v.value ?? ''))?.value;
}

/**
 * Starts the worker and builds every model there, off the bot's thread. Called once at start-up;
 * the bot serves meanwhile (a recognition asked before the end waits for it). Settles when built.
 */
export function warmUpRecognizers(): Promise<void> {
  return thread.warmUp();
}

/** Stops the worker (tests); the next recognition starts a new one. */
export function stopRecognizers(): Promise<void> {
  return thread.stop();
}
