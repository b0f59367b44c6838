import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createRedisTopology } from '../../src/state/redisClient';
import { freePort, spawnServer, waitForExit } from './testRedis';

/**
 * Real Redis topologies for tests, made of Debian's `redis-server` (and its Sentinel mode) on
 * free ports of 127.0.0.1, each in a temporary directory that is removed on stop. Never the
 * machine's shared Redis.
 */

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await delay(100);
  }
  throw new Error(`waitFor(): ${what} not within ${timeoutMs} ms${last ? ` (${(last as Error).message})` : ''}`);
}

/** A short-lived plain connection to one node, for set-up and inspection. */
async function withNode<T>(port: number, run: (node: Redis) => Promise<T>): Promise<T> {
  const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1_000, retryStrategy: () => null });
  node.on('error', () => undefined);
  try {
    await node.connect();
    return await run(node);
  } finally {
    node.disconnect();
  }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => waitForExit(child)));
}

/** A Sentinel group: one master, one replica, three Sentinels. */
export interface SentinelGroup {
  name: string;
  sentinels: { host: string; port: number }[];
  /** Data ports: [first master, first replica]. */
  dataPorts: number[];
  /** A client as the bot makes it (`REDIS_SENTINELS`). */
  client(): Redis;
  /** The port of the current master, as the Sentinels see it. */
  masterPort(): Promise<number>;
  /** Promotes the replica now (SENTINEL FAILOVER) and waits until the Sentinels name the new master. */
  failover(): Promise<number>;
  stop(): Promise<void>;
}

export const SENTINEL_GROUP = 'helpline';

export async function startSentinelGroup(): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-sentinel-'));
  const children: ChildProcess[] = [];
  try {
    const masterPort = await freePort();
    children.push(await spawnServer(masterPort, ['--dir', dir, '--dbfilename', `m${masterPort}.rdb`]));
    const replicaPort = await freePort();
    children.push(await spawnServer(replicaPort, ['--dir', dir, '--dbfilename', `r${replicaPort}.rdb`, '--replicaof', '127.0.0.1', String(masterPort)]));
    await waitFor('the replica in sync', () => withNode(replicaPort, async (n) => /master_link_status:up/.test(await n.info('replication'))));
    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(dir, `sentinel-${port}.conf`);
      // Short timeouts: a test failover takes seconds, not the production default of a minute.
      writeFileSync(
        conf,
        [
          `sentinel monitor ${SENTINEL_GROUP} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_GROUP} 1000`,
          `sentinel failover-timeout ${SENTINEL_GROUP} 5000`,
          `sentinel parallel-syncs ${SENTINEL_GROUP} 1`,
          '',
        ].join('\n'),
      );
      children.push(await spawnServer(port, ['--sentinel'], [conf]));
      sentinelPorts.push(port);
    }
    const sentinels = sentinelPorts.map((port) => ({ host: '127.0.0.1', port }));
    const masterOf = (port: number): Promise<number> =>
      withNode(port, async (n) => Number(((await n.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_GROUP)) as string[])[1]));
    // Each Sentinel must know the replica before a failover can pick it.
    await waitFor('the Sentinels to see the replica', async () => {
      const counts = await Promise.all(sentinelPorts.map((port) => withNode(port, async (n) => ((await n.call('SENTINEL', 'replicas', SENTINEL_GROUP)) as unknown[]).length)));
      return counts.every((c) => c >= 1);
    });
    return {
      name: SENTINEL_GROUP,
      sentinels,
      dataPorts: [masterPort, replicaPort],
      client: () => createRedisTopology({ kind: 'sentinel', sentinels, name: SENTINEL_GROUP }),
      masterPort: () => masterOf(sentinelPorts[0]!),
      failover: async () => {
        const before = await masterOf(sentinelPorts[0]!);
        await withNode(sentinelPorts[0]!, (n) => n.call('SENTINEL', 'failover', SENTINEL_GROUP));
        let after = before;
        await waitFor('the new master', async () => {
          after = await masterOf(sentinelPorts[0]!);
          if (after === before) return false;
          return withNode(after, async (n) => /role:master/.test(await n.info('replication')));
        });
        return after;
      },
      stop: async () => {
        await stopAll(children);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A Redis Cluster of three masters (no replicas). */
export interface RedisClusterUnderTest {
  nodes: { host: string; port: number }[];
  /** A client as the bot makes it (`REDIS_CLUSTER_NODES`). */
  client(): Redis;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cluster-'));
  const children: ChildProcess[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) {
      // A cluster bus listens on port + 10000: both must be free.
      let port = await freePort();
      while (port + 10_000 > 65_535) port = await freePort();
      const args = ['--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--dbfilename', `c${port}.rdb`];
      children.push(await spawnServer(port, args));
      ports.push(port);
    }
    const cli = process.env.REDIS_CLI_BIN ?? 'redis-cli';
    const created = spawnSync(cli, ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await waitFor('cluster_state:ok on every node', async () => {
      const states = await Promise.all(ports.map((port) => withNode(port, (n) => n.cluster('INFO'))));
      return states.every((info) => /cluster_state:ok/.test(info) && /cluster_known_nodes:3/.test(info));
    });
    const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
    return {
      nodes,
      client: () => createRedisTopology({ kind: 'cluster', nodes }),
      stop: async () => {
        await stopAll(children);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Waits until a freshly made topology client answers a write. */
export async function readyClient(client: Redis): Promise<Redis> {
  await waitFor('the client to write', async () => (await client.set('hb-test:ready', '1', 'PX', 1_000)) === 'OK', 10_000);
  return client;
}
