import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DirectLineRequestError } from './directLineSchemas';

/** Per-minute rates of the browser chat's Direct Line endpoint; each has a default. */
export interface DirectLineRates {
  conversationsPerIp?: number;
  conversationsTotal?: number;
  postsPerIp?: number;
  postsTotal?: number;
}

const MINUTE = 60;

/**
 * Per-IP and global caps on new conversations and posts (rate-limiter-flexible, in memory like
 * the conversations themselves). 1,001 creations in 9.4 s once evicted every open chat, and
 * 16,400 posts exhausted the heap (issue 20); now a client gets 429 long before that, and the
 * global caps hold when the flood comes from many addresses.
 */
export class DirectLineLimits {
  private readonly createPerIp: RateLimiterMemory;
  private readonly createTotal: RateLimiterMemory;
  private readonly postPerIp: RateLimiterMemory;
  private readonly postTotal: RateLimiterMemory;

  constructor(rates: DirectLineRates = {}) {
    this.createPerIp = new RateLimiterMemory({ points: rates.conversationsPerIp ?? 10, duration: MINUTE });
    this.createTotal = new RateLimiterMemory({ points: rates.conversationsTotal ?? 200, duration: MINUTE });
    this.postPerIp = new RateLimiterMemory({ points: rates.postsPerIp ?? 120, duration: MINUTE });
    this.postTotal = new RateLimiterMemory({ points: rates.postsTotal ?? 3000, duration: MINUTE });
  }

  /** Throws a 429 error (with the seconds to wait) when a new conversation is over a cap. */
  conversation(ip: string): Promise<void> {
    return take(this.createPerIp, this.createTotal, ip);
  }

  post(ip: string): Promise<void> {
    return take(this.postPerIp, this.postTotal, ip);
  }
}

/** Too many requests; `retryAfterSeconds` goes into the Retry-After header. */
export class DirectLineRateError extends DirectLineRequestError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too many requests; try again later');
  }
}

async function take(perIp: RateLimiterMemory, total: RateLimiterMemory, ip: string): Promise<void> {
  try {
    // Per address first: one noisy client must not use up the global budget.
    await perIp.consume(ip);
    await total.consume('all');
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new DirectLineRateError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}
