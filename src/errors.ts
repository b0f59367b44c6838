/** Machine-readable error codes, one per failure the bot handles on purpose. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DATA_FILE_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'HANDOFF_QUEUE_UNAVAILABLE'
  | 'CASE_NOT_FOUND'
  | 'CASE_INVALID'
  | 'CASE_KIND_UNKNOWN'
  | 'INVALID_TRANSITION'
  | 'LOCALE_MISSING_KEY'
  | 'CONFLICT';

/** Base of every error the application throws on purpose: named, coded, with context. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The environment or the helpline data file is invalid; the message lists every problem. */
export class ConfigError extends AppError {
  constructor(code: 'CONFIG_INVALID' | 'DATA_FILE_INVALID', message: string) {
    super(code, message);
    this.name = 'ConfigError';
  }
}

/** Redis (or another store) did not answer in time; the user is told to try again later. */
export class StoreUnavailableError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('STORE_UNAVAILABLE', message, context);
    this.name = 'StoreUnavailableError';
  }
}

/** True when an error means "the store is down", whatever layer raised it. */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  return /ECONNREFUSED|Connection is closed|Command timed out|Stream isn't writeable|enableOfflineQueue|MaxRetriesPerRequest/i.test(
    error.message,
  );
}
