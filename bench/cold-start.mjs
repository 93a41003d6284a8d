// Time to import @oemkit/server in a fresh Node process, beside importing zod alone, minus the
// cost of starting Node at all. Median of several runs; prints numbers.
import { execFileSync } from 'node:child_process';
import { median, printTable } from './stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const cases = [
  ['node, nothing imported', ''],
  ['zod (classic)', "await import('zod');"],
  ['zod/mini', "await import('zod/mini');"],
  ['@oemkit/schema', "await import('@oemkit/schema');"],
  ['@oemkit/server', "await import('@oemkit/server');"],
  ['@oemkit/server + new AstratoClient', "const { AstratoClient } = await import('@oemkit/server'); new AstratoClient({ clientId: 'a', clientSecret: 'b' });"],
];

function timeOnce(code) {
  // The child reports its own time from process start to the end of the import.
  const script = `${code} process.stdout.write(String(performance.now()));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: import.meta.dirname, encoding: 'utf8' }));
}

const rows = [];
let baseline = 0;
for (const [name, code] of cases) {
  timeOnce(code); // warm the file system cache
  const times = Array.from({ length: RUNS }, () => timeOnce(code));
  const value = median(times);
  if (!code) baseline = value;
  rows.push([name, value.toFixed(1), code ? (value - baseline).toFixed(1) : '0.0']);
}
console.log(`\nCold start: median of ${RUNS} fresh processes (node ${process.version})\n`);
printTable(['import', 'ms from process start', 'ms over bare node'], rows);
