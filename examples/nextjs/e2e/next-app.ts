/**
 * Builds this example with `next build` and serves it with `next start`, as a deployment would,
 * each in its own process group so that stopping it leaves no `next` process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@oemkit/test-support/net';

/** The example's folder: `next` runs there and writes `.next/` there. */
export const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const nextBin = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url));

/**
 * The environment `next` gets. Vitest sets NODE_ENV=test, which `next build` would warn about and
 * build with; telemetry off, since nothing may dial out from here.
 */
function nextEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Every `next` process group started here and not yet exited. */
const running = new Set<ChildProcess>();
// A group is detached from the terminal, so Ctrl+C does not reach it: end any left on the way out.
process.once('exit', () => {
  for (const child of running) killGroup(child.pid!, 'SIGKILL');
});

/** Runs `next <args>` in its own process group, collecting what it prints. */
function runNext(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: appDirectory, env: nextEnvironment(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/**
 * `next build`; resolves with how long it took in ms and what it printed, rejects with that output
 * when it fails.
 */
export async function buildApp(env: Record<string, string>): Promise<{ milliseconds: number; output: string }> {
  const started = performance.now();
  const { child, output } = runNext(['build'], env);
  const code = await exited(child);
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${output()}`);
  return { milliseconds: performance.now() - started, output: output() };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after 5 s; resolves once its leader has exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid!;
  if (groupAlive(pid)) {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  }
  await exited(child);
}

/** Stops every `next` started here that is still running: a build cut short by a timeout, a server. */
export async function stopAllNext(): Promise<void> {
  await Promise.all([...running].map(stopGroup));
}

/** Whether any process of the group led by `pid` is still alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface StartedApp {
  url: string;
  pid: number;
  output(): string;
  /** Stops the whole process group: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** `next start` on a free port of 127.0.0.1; resolves once it answers HTTP. */
export async function startApp(env: Record<string, string>): Promise<StartedApp> {
  const port = await freePort();
  const { child, output } = runNext(['start', '--hostname', '127.0.0.1', '--port', String(port)], env);
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    const answered = await fetch(url, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (answered) return { url, pid, output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer on ${url} within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
