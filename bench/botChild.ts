import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildReport, LoopDelay, ParentRequest, RedisClientCounters } from './protocol';

/** The parent's handle on a bot running in its own process (bench/botProcess.ts). */
export class BotChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
  ) {}

  /**
   * Forks `dist/bench/botProcess.js` with the Node flags of `npm start`, `--expose-gc` (for clean
   * RSS readings) and, when `BENCH_CPU_PROF` is set, `--cpu-prof` into that directory.
   */
  static async start(args: string[]): Promise<BotChild> {
    const execArgv = [...startFlags(), '--expose-gc', '--no-deprecation', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
    const profileDir = process.env.BENCH_CPU_PROF;
    if (profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
    const child = fork(join(__dirname, 'botProcess.js'), args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    process.once('exit', () => child.kill('SIGKILL'));
    const ready = await new Promise<Extract<ChildReport, { kind: 'ready' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`bot process ${args[0]} exited with code ${code} before listening`)));
      child.on('message', (report: ChildReport) => {
        if (report.kind === 'ready') resolve(report);
      });
    });
    child.removeAllListeners('exit');
    return new BotChild(child, `http://127.0.0.1:${ready.port}`, ready.pid);
  }

  /** RSS and heap after two full garbage collections. */
  memory(): Promise<NodeJS.MemoryUsage> {
    return this.ask({ kind: 'memory' }).then((r) => (r as Extract<ChildReport, { kind: 'memory' }>).memory);
  }

  /** CPU time the bot process has used so far (user + system, µs). */
  cpu(): Promise<NodeJS.CpuUsage> {
    return this.ask({ kind: 'cpu' }).then((r) => (r as Extract<ChildReport, { kind: 'cpu' }>).cpu);
  }

  /** What the bot has sent to Redis so far (cumulative). */
  redisCounters(): Promise<RedisClientCounters> {
    return this.ask({ kind: 'redisCounters' }).then((r) => (r as Extract<ChildReport, { kind: 'redisCounters' }>).counters);
  }

  /** Starts measuring the bot's event-loop delay; `stopLoopDelay` reads it. */
  async startLoopDelay(): Promise<void> {
    await this.ask({ kind: 'loopDelayStart' });
  }

  stopLoopDelay(): Promise<LoopDelay> {
    return this.ask({ kind: 'loopDelayStop' }).then((r) => (r as Extract<ChildReport, { kind: 'loopDelayStop' }>).delay);
  }

  /** Asks the bot to close its server and exit (flushing a CPU profile), and waits for it. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'stop' } satisfies ParentRequest);
    await exited;
  }

  private ask(request: ParentRequest): Promise<ChildReport> {
    return new Promise((resolve) => {
      const onMessage = (report: ChildReport): void => {
        if (report.kind !== request.kind) return;
        this.child.off('message', onMessage);
        resolve(report);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
  }
}

/**
 * The Node flags that `npm start` gives the bot (package.json), so that both bots run here as the
 * real one runs in production; the echo floor gets them too, to stay comparable.
 */
function startFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/src\/index\.js/.exec(packageJson.scripts.start);
  if (!match) throw new Error(`BotChild: cannot read the node flags of "npm start": ${packageJson.scripts.start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}
