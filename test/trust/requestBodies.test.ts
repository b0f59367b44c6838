import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';

/** A multipart/form-data body with one file part of `size` bytes. */
function multipart(size: number): { body: Buffer; type: string } {
  const boundary = '----issue20boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return { body: Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x61), Buffer.from(tail)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** Sends raw bytes; resolves with the status (or 0 when the server closed the connection). */
function send(url: string, body: Buffer, type: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': type, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(body);
  });
}

describe('request bodies: JSON only, one limit, nothing on disk (issue 20)', () => {
  let running: RunningApp;
  let uploads: string;
  const previousTmp = process.env.TMPDIR;
  const connector = new FakeConnector();

  beforeAll(async () => {
    // restify's multipart reader wrote to os.tmpdir(), which reads TMPDIR at each call.
    uploads = mkdtempSync(path.join(tmpdir(), 'issue20-'));
    process.env.TMPDIR = uploads;
    await connector.start();
    running = await startApp();
  });
  afterAll(async () => {
    process.env.TMPDIR = previousTmp;
    await running?.stop();
    await connector.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it.each(['/api/messages', '/api/helpdesk/login', '/directline/v3/directline/conversations'])(
    'should answer 415 to a multipart body on %s and write no file',
    async (route) => {
      const { body, type } = multipart(64 * 1024);
      expect((await send(`${running.url}${route}`, body, type)).status).toBe(415);
      expect(readdirSync(uploads)).toEqual([]);
    },
  );

  it('should not write a 20 MB multipart upload to disk', async () => {
    const { body, type } = multipart(20 * 1024 * 1024);
    expect([0, 413, 415]).toContain((await send(`${running.url}/api/messages`, body, type)).status);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('should answer 415 to a form-encoded login (no cross-site form login)', async () => {
    const body = Buffer.from('username=ann&password=x');
    expect((await send(`${running.url}/api/helpdesk/login`, body, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await send(`${running.url}/api/helpdesk/login`, body, 'text/plain')).status).toBe(415);
  });

  it('should answer 413 to any content type over the one limit', async () => {
    const big = Buffer.alloc(300 * 1024, 0x61);
    expect((await send(`${running.url}/api/helpdesk/login`, Buffer.from(`{"username":"${big.toString()}"}`), 'application/json')).status).toBe(413);
  });

  it('should answer invalid JSON with 400 and no parser text', async () => {
    const answer = await send(`${running.url}/api/messages`, Buffer.from('{"type": "message",'), 'application/json');
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/Unexpected|JSON at position|SyntaxError/);
  });

  it.each([
    ['no from.id', { from: undefined }],
    ['no channelId', { channelId: undefined }],
    ['no serviceUrl', { serviceUrl: undefined }],
    ['no conversation.id', { conversation: {} }],
    ['no type', { type: undefined }],
  ])('should answer 400 to an activity with %s before any state is touched', async (_name, change) => {
    const conversation = `garbage-${_name.replace(/\W/g, '')}`;
    expect(await post(`${running.url}/api/messages`, messageActivity(connector.url, conversation, 'hallo'))).toBe(200);
    await connector.waitFor(() => connector.texts(conversation).some((t) => t.includes('Waarmee kan ik helpen?')));
    const before = connector.received.length;
    expect(await post(`${running.url}/api/messages`, { ...messageActivity(connector.url, conversation, '2'), ...change })).toBe(400);
    // The state is where it was: the next answer goes on from the menu (no error, no reset).
    expect(await post(`${running.url}/api/messages`, messageActivity(connector.url, conversation, '2'))).toBe(200);
    await connector.waitFor(() => connector.received.length > before);
    const after = connector.received.slice(before).map((r) => String(r.activity.text ?? '')).join(' ');
    expect(after).toContain('Wie vraagt de laptop aan?');
    expect(after).not.toMatch(/technisch|Centraal Meldpunt/);
  });

  it('should send Cache-Control: no-store on staff API answers, errors included', async () => {
    for (const route of ['/api/helpdesk/me', '/api/helpdesk/queue', '/api/helpdesk/cases']) {
      const response = await fetch(`${running.url}${route}`);
      await response.arrayBuffer();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
