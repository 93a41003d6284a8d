// oemkit's own overhead, two ways, printed side by side in one run:
//   1. client CPU per ticket: AstratoClient.setup beside ky alone (goal: at most ky + 20%);
//   2. the ticket endpoint through toNodeHandler beside a hand-written node:http handler, over
//      HTTP at 50 connections (autocannon), the emulator in its own process (goal: 0.8x or more).
// Every contender runs in alternating rounds; each figure is the median with its spread (min to
// max) over the rounds. Prints numbers; asserts nothing.
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { clientContenders, cpuPerCall } from './client-cpu.mjs';
import { median, printTable } from './stats.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;

const spread = (values, digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const alternate = (names, round) => (round % 2 === 0 ? names : [...names].reverse());

async function measureClients() {
  const { contenders } = await clientContenders();
  const cpu = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of alternate(Object.keys(contenders), round)) {
      await cpuPerCall(contenders[name], 1_000); // warm-up, so no contender pays for another's JIT
      cpu[name].push(await cpuPerCall(contenders[name], TICKETS));
    }
  }
  return cpu;
}

function start(role, ...args) {
  const child = fork(new URL('./endpoint-server.mjs', import.meta.url), [role, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise((resolve, reject) => {
    const exited = (code) => reject(new Error(`${role} server exited with ${code}`));
    child.once('exit', exited);
    child.once('message', (message) => (child.off('exit', exited), resolve(message)));
  });
  return next().then(({ url }) => ({ url, child, cpu: () => (child.send('cpu'), next().then(({ cpu }) => cpu)) }));
}

// What @oemkit/browser sends for a ticket: a POST without a body, asking for JSON.
const load = (url, duration) => autocannon({ url, method: 'POST', headers: { accept: 'application/json' }, connections: CONNECTIONS, duration });

async function measureEndpoints() {
  const emulator = await start('emulator');
  const servers = { 'oemkit toNodeHandler(createTicketHandler)': await start('oemkit', emulator.url), 'hand-written node:http handler': await start('hand-written', emulator.url) };
  const results = Object.fromEntries(Object.keys(servers).map((name) => [name, { rate: [], cpu: [] }]));
  for (const server of Object.values(servers)) await load(server.url, 2); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of alternate(Object.keys(servers), round)) {
      const before = await servers[name].cpu();
      const run = await load(servers[name].url, SECONDS);
      const spent = (await servers[name].cpu()) - before;
      if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} answers other than 2xx, ${run.errors} errors`);
      results[name].rate.push(run.requests.total / SECONDS);
      results[name].cpu.push(spent / run.requests.total);
    }
  }
  for (const { child } of [emulator, ...Object.values(servers)]) child.kill();
  return results;
}

const clients = await measureClients();
const endpoints = await measureEndpoints();

const [bare, kyAlone, oemkit] = Object.values(clients);
const [ours, hand] = Object.values(endpoints);
const ratios = (a, b) => a.map((value, round) => value / b[round]);
console.log(`\nOverhead: median (min–max) of ${ROUNDS} alternating rounds; node ${process.version}, ${availableParallelism()} cores shared with other work (load average ${loadavg()[0].toFixed(1)} at the end)\n`);
console.log(`Client CPU per ticket (process.cpuUsage, user + system), ${TICKETS} sequential tickets per round, each client on the emulator's in-process fetch:\n`);
printTable(['client', 'µs CPU / ticket', 'spread', 'x ky alone'], Object.entries(clients).map(([name, values]) => [name, median(values).toFixed(0), spread(values), median(ratios(values, kyAlone)).toFixed(2)]));
console.log(`\nTicket endpoint over HTTP: ${CONNECTIONS} connections (autocannon), ${SECONDS} s per round, emulator and each handler in a process of its own:\n`);
// Requests per server CPU second: what the rate would be were the server alone on a core, the
// figure that holds when other work on the machine makes the wall-clock rate say little.
printTable(['handler', 'requests / s', 'spread', 'x hand-written', 'server µs CPU / request', 'spread', 'x hand-written (CPU)'], Object.entries(endpoints).map(([name, { rate, cpu }]) => [name, median(rate).toFixed(0), spread(rate), median(ratios(rate, hand.rate)).toFixed(2), median(cpu).toFixed(0), spread(cpu), median(ratios(hand.cpu, cpu)).toFixed(2)]));
console.log(`\nSide by side: client CPU ${median(ratios(oemkit, kyAlone)).toFixed(2)}x ky alone (goal at most 1.20x); endpoint ${median(ratios(ours.rate, hand.rate)).toFixed(2)}x the hand-written handler in requests / s, ${median(ratios(hand.cpu, ours.cpu)).toFixed(2)}x in requests per CPU second (goal at least 0.80x). Bare fetch for scale: ${median(bare).toFixed(0)} µs CPU / ticket.`);
