import type { AddressInfo } from 'node:net';
import type Redis from 'ioredis';
import { buildApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger, type Logger } from '../../src/logger';
import { FixedClock } from '../fakes/fixedClock';
import { LOCALES_DIR, realData } from './testDeps';

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** Builds the real app (as src/index.ts does) and listens on a free port of 127.0.0.1. */
export async function startApp(
  options: { redis?: Redis; keyPrefix?: string; env?: Record<string, string>; logger?: Logger; clock?: FixedClock } = {},
): Promise<RunningApp> {
  const app = buildApp({
    config: loadConfig(options.env ?? {}),
    data: realData(),
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? new FixedClock(),
    localesDir: LOCALES_DIR,
    redis: options.redis,
    keyPrefix: options.keyPrefix,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    stop: () => new Promise<void>((resolve) => app.server.close(() => resolve())),
  };
}

let nextId = 1;
/** A message activity as a channel posts it to /api/messages. */
export function messageActivity(
  serviceUrl: string,
  conversationId: string,
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${nextId++}`,
    channelId: 'test',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'nl-BE',
    text,
    ...extra,
  };
}

/** POSTs JSON (or raw text) and returns the status code. */
export async function post(url: string, body: unknown, raw = false): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? String(body) : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}
