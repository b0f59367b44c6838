import pino from 'pino';
import { redactPersonalData } from './safety/redact';

/** The logging surface every module receives; never log message text or personal data. */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  child(name: string): Logger;
}

/**
 * Field names whose values are personal data. pino replaces them wherever they appear (two
 * levels deep), so a careless `logger.info({ activity })` cannot leak a message or a phone number.
 */
export const REDACTED_FIELDS = [
  'text',
  'name',
  'firstName',
  'phone',
  'email',
  'address',
  'street',
  'postcode',
  'data',
  'transcript',
  'value',
  'password',
  'passwordHash',
  'from',
  'recipient',
  'attachments',
];

const redactPaths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

class PinoLogger implements Logger {
  constructor(private readonly inner: pino.Logger) {}
  debug(obj: object, msg: string): void {
    this.inner.debug(obj, msg);
  }
  info(obj: object, msg: string): void {
    this.inner.info(obj, msg);
  }
  warn(obj: object, msg: string): void {
    this.inner.warn(obj, msg);
  }
  error(obj: object, msg: string): void {
    this.inner.error(obj, msg);
  }
  child(name: string): Logger {
    return new PinoLogger(this.inner.child({ module: name }));
  }
}

/** JSON-lines logger with redaction; `destination` lets tests capture the output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Second line of defence: phone numbers and e-mail inside any string (an error message…).
    formatters: { log: (obj) => redactPersonalData(obj) as Record<string, unknown> },
    base: undefined,
  };
  return new PinoLogger(destination ? pino(options, destination) : pino(options));
}

/** A logger that drops everything (unit tests that do not look at logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
