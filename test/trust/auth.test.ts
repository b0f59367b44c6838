import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, startApp, type RunningApp } from '../helpers/appServer';

const APP_ID = '00000000-0000-4000-8000-000000000001';

// No internet here: the Bot Framework key set is served by a stand-in for node-fetch, holding
// one key the bot trusts. The token under test is signed by another key, so it must get 401 —
// exactly what happens in production, where the key set comes from login.botframework.com.
jest.mock('node-fetch', () => {
  const { generateKeyPairSync: keys } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  const jwk = keys('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const json = (body: unknown): unknown => ({ ok: true, status: 200, json: async () => body });
  const fakeFetch = async (url: string): Promise<unknown> =>
    url.endsWith('/keys')
      ? json({ keys: [{ ...jwk, kid: 'trusted-key', kty: 'RSA', use: 'sig', endorsements: ['msteams', 'test'] }] })
      : json({ issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys' });
  return { __esModule: true, default: fakeFetch };
});

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token shaped like a Bot Framework channel token (RS256, issuer, audience, kid) but signed by
 * a key of our own. node:crypto signs it because jose 6 is ESM-only and jest runs CommonJS here.
 */
function untrustedToken(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: `untrusted-${randomBytes(4).toString('hex')}` });
  const payload = b64({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: 'http://127.0.0.1',
    iat: now,
    nbf: now,
    exp: now + 300,
  });
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('/api/messages with MicrosoftAppId set', () => {
  let running: RunningApp;
  const connector = new FakeConnector();

  beforeAll(async () => {
    await connector.start();
    running = await startApp({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => {
    await running?.stop();
    await connector.stop();
  });

  const postWith = async (authorization?: string): Promise<number> => {
    const response = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(messageActivity(connector.url, 'auth-1', 'hallo')),
    });
    await response.arrayBuffer();
    return response.status;
  };

  it('answers 401 without a token', async () => {
    expect(await postWith()).toBe(401);
  });

  it('answers 401 to a token signed by a key the bot does not trust', async () => {
    expect(await postWith(`Bearer ${untrustedToken()}`)).toBe(401);
  });

  it('answers 401 to garbage in the Authorization header', async () => {
    expect(await postWith('Bearer not.a.jwt')).toBe(401);
    expect(await postWith('Basic dXNlcjpwYXNz')).toBe(401);
  });

  it('never runs the bot for a rejected request', () => {
    expect(connector.texts('auth-1')).toEqual([]);
  });
});
