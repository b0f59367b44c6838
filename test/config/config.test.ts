import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema, loadConfig, loadHelplineData } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { ROOT } from '../helpers/testDeps';

describe('loadConfig', () => {
  it('applies the defaults of CONTRACT.md on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DEFAULT_LOCALE: 'nl', LOG_LEVEL: 'info' });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('treats empty strings as unset and coerces numbers', () => {
    expect(loadConfig({ PORT: '4000', REDIS_URL: '' })).toMatchObject({ PORT: 4000, REDIS_URL: undefined });
  });

  it('fails with one line naming every bad variable, never its value', () => {
    const attempt = () => loadConfig({ PORT: 'abc', REDIS_URL: 'http://secret-host', HELPDESK_SESSION_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT: /);
      expect(message).toMatch(/REDIS_URL: must start with redis:\/\//);
      expect(message).toMatch(/HELPDESK_SESSION_SECRET: /);
      expect(message).not.toContain('secret-host');
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HELPDESK_SESSION_SECRET: is required/);
  });

  it('.env.example lists exactly the schema keys, in the same order', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const keys = example.split('\n').filter((l) => /^[A-Za-z_]+=/.test(l)).map((l) => l.split('=')[0]);
    expect(keys).toEqual(Object.keys(ConfigSchema.shape));
  });
});

describe('loadHelplineData', () => {
  it('accepts the shipped data file', () => {
    const data = loadHelplineData(join(ROOT, 'data', 'helpline.json'));
    expect(data.openingHours.timeZone).toBe('Europe/Brussels');
    expect(data.helpline.phone).toMatch(/^\+32/);
  });

  it('names the field and the problem of a bad data file', () => {
    const dir = require('node:fs').mkdtempSync(join(require('node:os').tmpdir(), 'data-')) as string;
    const raw = JSON.parse(readFileSync(join(ROOT, 'data', 'helpline.json'), 'utf8')) as Record<string, any>;
    raw.openingHours.timeZone = 'Mars/Olympus';
    raw.openingHours.weekly.mon = [['9:00', '12:00']];
    const path = join(dir, 'helpline.json');
    require('node:fs').writeFileSync(path, JSON.stringify(raw));
    expect(() => loadHelplineData(path)).toThrow(/openingHours\.timeZone: must be an IANA time zone.*openingHours\.weekly\.mon\.0\.0: must be HH:MM/);
  });
});
