import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';

const SECRET = 'a-pii-key-secret-of-at-least-32-characters';

describe('Redis topology settings (src/config.ts)', () => {
  it('parses a Sentinel list and a Cluster list into nodes', () => {
    const sentinel = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381', REDIS_SENTINEL_NAME: 'helpline', PII_KEY_SECRET: SECRET });
    expect(sentinel.REDIS_SENTINELS).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: 'sentinel-b', port: 26380 },
      { host: '::1', port: 26381 },
    ]);
    const cluster = loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001', PII_KEY_SECRET: SECRET });
    expect(cluster.REDIS_CLUSTER_NODES).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
    ]);
  });

  it.each([
    ['a bad node list', { REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://x:7001', PII_KEY_SECRET: SECRET }, /REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/],
    ['a port out of range', { REDIS_SENTINELS: 'a:99999', REDIS_SENTINEL_NAME: 'm', PII_KEY_SECRET: SECRET }, /REDIS_SENTINELS: must be/],
    ['two topologies', { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: 'a:1', PII_KEY_SECRET: SECRET }, /REDIS_URL: set only one of/],
    ['Sentinels without a group name', { REDIS_SENTINELS: 'a:26379', PII_KEY_SECRET: SECRET }, /REDIS_SENTINEL_NAME: REDIS_SENTINELS and REDIS_SENTINEL_NAME go together/],
    ['Redis without PII_KEY_SECRET', { REDIS_URL: 'redis://127.0.0.1:6379' }, /PII_KEY_SECRET: is required when Redis is configured/],
    ['a short PII_KEY_SECRET', { REDIS_URL: 'redis://127.0.0.1:6379', PII_KEY_SECRET: 'short' }, /PII_KEY_SECRET: must be at least 32/],
  ])('stops the start with one line for %s', (_name, env, message) => {
    const attempt = (): unknown => loadConfig(env);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('needs no secret in memory mode', () => {
    expect(loadConfig({}).PII_KEY_SECRET).toBeUndefined();
  });
});
