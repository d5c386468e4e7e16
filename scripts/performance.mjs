// Writes docs/performance.md from scripts/bench.sh's output: the weight files of pallet_credit and
// pallet_balances generated in each run (same tool, same run: `run1` became the weights, the
// others show how the ratios move from run to run), and the `*_at_scale` JSON results.
// Usage: node scripts/performance.mjs <bench output dir> <report path>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, report] = process.argv.slice(2);
if (!dir || !report) throw new Error('usage: performance.mjs <bench dir> <report path>');

// ParityDB weights, the sample runtime's `DbWeight` (frame_support::weights::constants).
const READ = 8_000_000n;
const WRITE = 50_000_000n;

/** Parses the measured weights of a file generated from scripts/weight-template.hbs. */
function weights(file) {
  const text = readFileSync(file, 'utf8');
  // pallet_credit's file: `WeightInfo for SubstrateWeight<T>`; another pallet's, for the runtime:
  // `<pallet>::WeightInfo for WeightInfo<T>`.
  const marker = text.includes('WeightInfo for SubstrateWeight<T>')
    ? 'WeightInfo for SubstrateWeight<T>'
    : 'WeightInfo for WeightInfo<T>';
  const start = text.indexOf(marker);
  const end = text.indexOf('impl WeightInfo for ()');
  const body = text.slice(start, end > start ? end : undefined);
  const result = new Map();
  for (const part of body.split(/\n\tfn /).slice(1)) {
    const name = part.match(/^(\w+)/)[1];
    const [, ref, proof] = part.match(/Weight::from_parts\(([\d_]+), ([\d_]+)\)/);
    const reads = BigInt(part.match(/reads\((\d+)_u64\)/)?.[1] ?? 0);
    const writes = BigInt(part.match(/writes\((\d+)_u64\)/)?.[1] ?? 0);
    const exec = BigInt(ref.replaceAll('_', ''));
    result.set(name, {
      exec,
      proof: BigInt(proof.replaceAll('_', '')),
      reads,
      writes,
      total: exec + reads * READ + writes * WRITE,
    });
  }
  return result;
}

const text = (v) => (Array.isArray(v) ? Buffer.from(v).toString() : String(v));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * Each benchmark's raw extrinsic times (ns) in a JSON output, sorted, keyed by its name, and by
 * `name:v` for each value `v` of a component (part_verify_signature's `s` picks a scheme).
 */
function samplesOf(file) {
  const result = new Map();
  for (const batch of JSON.parse(readFileSync(file, 'utf8'))) {
    for (const r of batch.time_results) {
      const key = [text(batch.benchmark), ...r.components.map(([, v]) => v)].join(':');
      if (!result.has(key)) result.set(key, []);
      result.get(key).push(r.extrinsic_time);
    }
  }
  for (const times of result.values()) times.sort((a, b) => a - b);
  return result;
}
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const runs = [];
for (let n = 1; existsSync(join(dir, `run${n}`, 'pallet_credit.rs')); n += 1) {
  const credit = weights(join(dir, `run${n}`, 'pallet_credit.rs'));
  const transfer = weights(join(dir, `run${n}`, 'pallet_balances.rs')).get('transfer_keep_alive');
  if (!transfer) throw new Error(`no transfer_keep_alive in run ${n}'s balances weights`);
  const samples = samplesOf(join(dir, `run${n}`, 'weights.json'));
  runs.push({ credit, transfer, samples });
}
if (runs.length === 0) throw new Error(`no run*/pallet_credit.rs under ${dir}`);
const { credit, transfer } = runs[0];
// Each benchmark's fastest sample over all runs: a slow stretch only ever adds time, so the more
// samples, the closer their minimum to the cost at full speed. A single run's 10 s can miss every
// fast stretch, for the call or for the transfer; that is why the runs' own ratios differ.
const fastestOfAll = (name) => Math.min(...runs.map((r) => r.samples.get(name)[0]));
// Which build ran, from the binary the weight file's header names (`.../release/credit-node`).
const profile = /\/debug\/credit-node$/m.test(readFileSync(join(dir, 'run1', 'pallet_credit.rs'), 'utf8'))
  ? 'dev'
  : 'release';

const ratio = (a, b) => (Number(a) / Number(b)).toFixed(2);
const us = (ps) => (Number(ps) / 1e6).toFixed(1);
const target = (name) => (name === 'accept_request' ? 3 : 2);

const rows = [...credit].map(([name, w]) => {
  const execRatio = ratio(w.exec, transfer.exec);
  const totalRatio = ratio(w.total, transfer.total);
  const ok = Number(execRatio) <= target(name) ? 'yes' : '**no**';
  return `| ${name} | ${us(w.exec)} | ${w.proof} | ${w.reads} | ${w.writes} | ${us(w.total)} | ${execRatio}x | ${totalRatio}x | ${target(name)}x | ${ok} |`;
});

const scaleRows = [];
let samples = 0;
try {
  const scale = JSON.parse(readFileSync(join(dir, 'scale.json'), 'utf8'));
  for (const batch of scale) {
    const name = text(batch.benchmark);
    const bySize = new Map();
    // Reads and writes are counted in the database run (`db_results`), time in `time_results`.
    const db = new Map(batch.db_results.map((r) => [r.components.find(([c]) => text(c) === 's')?.[1] ?? 0, r]));
    for (const r of batch.time_results) {
      const s = r.components.find(([c]) => text(c) === 's')?.[1] ?? 0;
      if (!bySize.has(s)) bySize.set(s, []);
      bySize.get(s).push(r);
    }
    const cells = [...bySize.keys()].sort((a, b) => a - b).map((s) => {
      const rs = bySize.get(s);
      // The fastest sample, as in "On a quiet CPU": a median of three mixes the VM's two speeds.
      const t = Math.min(...rs.map((r) => r.extrinsic_time)) / 1000;
      const proof = median(rs.map((r) => r.proof_size));
      return { s, t, proof, reads: db.get(s)?.reads ?? '?', writes: db.get(s)?.writes ?? '?' };
    });
    const first = cells[0].t;
    const last = cells[cells.length - 1].t;
    samples = Math.max(samples, ...[...bySize.values()].map((rs) => rs.length));
    scaleRows.push(
      `| ${name === 'transfer_at_scale' ? 'a plain transfer (reference)' : name.replace('_at_scale', '')} | ${cells
        .map((c) => `${c.t.toFixed(1)} µs, ${c.proof} B, ${c.reads} r / ${c.writes} w`)
        .join(' | ')} | ${(last / first).toFixed(2)}x | ${(last / cells[cells.length - 2].t).toFixed(2)}x |`,
    );
  }
} catch (e) {
  scaleRows.push(`| (no scale results: ${e.message}) | | | | | |`);
}

// Where accept's time goes: a settlement pays the payee from the pool, so it contains a transfer;
// what remains is the credit decision and its record.
const accept = credit.get('accept_request');
let acceptParts = '';
if (accept) {
  const transferFast = fastestOfAll('transfer_keep_alive') / 1000;
  const rest = fastestOfAll('accept_request') / 1000 - transferFast;
  acceptParts = `
## Where accept's time goes

A settlement pays the payee from the pool, so \`accept_request\` contains a transfer
(${transferFast.toFixed(1)} µs at full speed). The rest, ${rest.toFixed(1)} µs (${(rest / transferFast).toFixed(2)}x the transfer), is
the decision and its record: the request, both parties' certificates checked again (each
party's entry, which holds its certificate, and the trusted CA set), the grade, the payer's
credit file, open debts and pending requests (in its entry: read once, written once), the
payee's volume window, the pool ledger, the debt record.
`;
}

// What a call's time is made of: the `part_*` benchmarks, beside the transfer and the certificate
// calls, in one run of their own (fastest samples, as in "On a quiet CPU").
let costParts = '';
if (existsSync(join(dir, 'parts.json'))) {
  const parts = samplesOf(join(dir, 'parts.json'));
  const fastest = (name) => {
    const xs = parts.get(name);
    if (!xs) throw new Error(`no ${name} in parts.json`);
    return xs[0] / 1000;
  };
  const base = fastest('transfer_keep_alive');
  const pieces = [
    ['transfer_keep_alive', 'a plain transfer (the reference)'],
    ['part_read_party', "a first read of a stored key (a party's entry)"],
    ['part_hold_deposit', 'holding a deposit (pallet-balances `hold`)'],
    // The benchmark's `s`: 0 ed25519, 1 sr25519, 2 ecdsa.
    ['part_verify_signature:0', "checking a CA's ed25519 signature over a certificate"],
    ['part_verify_signature:1', "checking a CA's sr25519 signature over a certificate"],
    ['part_verify_signature:2', "checking a CA's ecdsa signature over a certificate"],
    ['revoke_certificate', '`revoke_certificate` (by `CaAdmin`)'],
    ['revoke_certificate_signed', '`revoke_certificate_signed`'],
    ['register_certificate', '`register_certificate`'],
  ];
  const pieceRows = pieces.map(
    ([name, what]) => `| ${what} | ${fastest(name).toFixed(1)} | ${(fastest(name) / base).toFixed(2)}x |`,
  );
  const verify = Math.max(...[0, 1, 2].map((s) => fastest(`part_verify_signature:${s}`)));
  const read = fastest('part_read_party');
  const hold = fastest('part_hold_deposit');
  const floor = verify + hold + 2 * read;
  costParts = `
## What a call's time is made of

The pieces calls are built from, each benchmarked alone (\`part_*\`, \`--extra\`) in one run
beside the transfer and the certificate calls, fastest samples:

| piece | fastest (µs) | ratio to the transfer |
|---|---|---|
${pieceRows.join('\n')}

A first read of a key costs about ${(read / base).toFixed(2)}x a transfer, so most calls' ratios are a
count of the keys they read and of the balances they move: a transfer moves two, a hold one (with
the account's hold list). Two calls also check a CA's signature, which a transfer never does in
its call (its own signature is checked before the call, in the extrinsic's base weight).

**Why \`register_certificate\` is over 2x.** Issue 3 requires it to verify the CA's signature on
chain and to hold a storage deposit, and it cannot do without two reads: the CA's key and the
caller's entry. Those alone take ${verify.toFixed(1)} µs (the costliest scheme) + ${hold.toFixed(1)} µs
+ 2 x ${read.toFixed(1)} µs = ${floor.toFixed(1)} µs, **${(floor / base).toFixed(2)}x the transfer**, before the
serial checks, the write of the entry and the event: the call measures
${(fastest('register_certificate') / base).toFixed(2)}x. No scheme is much cheaper than another to
verify, so a weight per scheme would not change this. Meeting 2x means changing what the call
is: no deposit, or the CA registering its certificates from an on-chain account of its own
(its signature then checked as the transaction's, outside the call).
\`revoke_certificate_signed\` is the admin revocation plus a signature check and the CA's key:
${(fastest('revoke_certificate_signed') / base).toFixed(2)}x.
`;
}

// On a quiet CPU: each benchmark's fastest sample against the transfer's, in each run and over
// all runs (what the targets are judged on). This VM alternates between stretches of seconds at
// full speed and stretches where everything runs about 1.5x slower (the host's other load); a
// median mixes the two in proportions that differ from one benchmark to the next, so a ratio of
// medians moves with them. The fastest of a thousand or more samples is the call's cost at full
// speed.
const fastRatio = (name) => fastestOfAll(name) / fastestOfAll('transfer_keep_alive');
const fastRows = [...credit.keys()].map((name) => {
  const ratios = runs.map((r) => r.samples.get(name)[0] / r.samples.get('transfer_keep_alive')[0]);
  const ok = fastRatio(name) <= target(name) ? 'yes' : '**no**';
  return `| ${name} | ${ratios.map((x) => `${x.toFixed(2)}x`).join(' | ')} | ${fastRatio(name).toFixed(2)}x | ${target(name)}x | ${ok} |`;
});
const fastTransferRow = `| transfer_keep_alive (µs) | ${runs
  .map((r) => (r.samples.get('transfer_keep_alive')[0] / 1000).toFixed(1))
  .join(' | ')} | ${(fastestOfAll('transfer_keep_alive') / 1000).toFixed(1)} | | |`;
const fastMisses = [...credit.keys()].filter((name) => fastRatio(name) > target(name));
const singleRunMisses = [...credit.keys()].filter((name) =>
  runs.some((r) => r.samples.get(name)[0] / r.samples.get('transfer_keep_alive')[0] > target(name)),
);
const phaseRows = ['transfer_keep_alive', 'accept_request', 'repay'].map((name) => {
  const xs = runs[0].samples.get(name);
  const cell = (q) => (quantile(xs, q) / 1000).toFixed(1);
  return `| ${name} | ${xs.length} | ${(xs[0] / 1000).toFixed(1)} | ${cell(0.1)} | ${cell(0.5)} | ${cell(0.9)} |`;
});

// Every run's ratio of the tool's weights to that run's transfer's: how far the weights move
// from run to run with this VM's mix of speeds.
const runHeads = runs.map((_, n) => `run ${n + 1}`);
const runRows = [...credit.keys()].map((name) => {
  const ratios = runs.map((r) => Number(r.credit.get(name).exec) / Number(r.transfer.exec));
  const worst = Math.max(...ratios);
  const ok = worst <= target(name) ? 'yes' : '**no**';
  return `| ${name} | ${ratios.map((x) => `${x.toFixed(2)}x`).join(' | ')} | ${worst.toFixed(2)}x | ${target(name)}x | ${ok} |`;
});
const transferRow = `| transfer_keep_alive (µs) | ${runs.map((r) => us(r.transfer.exec)).join(' | ')} | | | |`;
const misses = runRows.filter((row) => row.endsWith('**no** |')).length;

const builds = {
  release: `The node that ran is a release build (\`cargo build --release\`), as weights are meant to be
measured: the host functions (storage access, hashing, signature checks) run at full speed,
so the times are what a production node on this machine spends.`,
  dev: `The node that ran is this repository's dev build (dependencies at opt-level 1): its native host
functions (storage access, hashing, signature checks) are slower than a release build's, so the
absolute times, and the weights generated from them, are several times what a release node
measures: safe for fees and block limits, and the ratios compare like with like.`,
};

const header = readFileSync(join(dir, 'run1', 'pallet_credit.rs'), 'utf8')
  .split('\n')
  .filter((l) => /^\/\/! (CLI VERSION|HOSTNAME|WASM-EXECUTION)/.test(l))
  .map((l) => l.replace(/^\/\/! /, '- '))
  .join('\n');

writeFileSync(
  report,
  `<!-- Written by scripts/performance.mjs from a run of scripts/bench.sh; do not edit. -->
# Performance: every credit call beside a plain transfer

\`scripts/bench.sh\` (the node's \`benchmark pallet\`, runtime wasm with \`runtime-benchmarks\`,
compiled execution) benchmarked every \`pallet_credit\` call at its worst case and
\`pallet_balances::transfer_keep_alive\` in the same process, ${runs.length} times in a row. The numbers
below are the weights its first run generated (\`pallets/credit/src/weights.rs\`):

${header}

**Execution** is the benchmarked ref_time without database access; **total** adds the runtime's
database weights (ParityDB constants: 8 µs a read, 50 µs a write), which is what fees and
block capacity use. The targets (accept at most 3x the transfer, every other call at most 2x)
are checked against execution time at full speed: each call's fastest sample of all runs
against the transfer's.

**Against the targets, at full speed: ${
  fastMisses.length === 0
    ? 'every call is within its target'
    : `${fastMisses.map((name) => `\`${name}\``).join(', ')} ${fastMisses.length === 1 ? 'misses its target' : 'miss their targets'}, every other call is within its own`
}** (each call's fastest sample of all runs against the transfer's, section "On a quiet CPU"). The weights below are the benchmark tool's
own estimate (close to the median of all samples), which on this VM mixes fast and slow
stretches: they are what fees and block limits use, on the safe side, and their ratios move
from run to run with the mix (section "Run to run").

${builds[profile]}

transfer_keep_alive: execution ${us(transfer.exec)} µs, proof ${transfer.proof} B,
${transfer.reads} reads, ${transfer.writes} writes, total ${us(transfer.total)} µs.

| call | execution (µs) | proof size (B) | reads | writes | total (µs) | execution ratio | total ratio | target | within, by these weights |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

## On a quiet CPU

This VM runs in stretches: for seconds at a time at full speed, then for seconds about 1.5x
slower (load on the host: pinning the benchmark to one core changes nothing). In the first run:

| benchmark | samples | fastest (µs) | 10th percentile | median | 90th percentile |
|---|---|---|---|---|---|
${phaseRows.join('\n')}

Each benchmark repeats its call for at least 10 s (the tool's \`--min-duration\`), so its
median mixes the two speeds in a proportion of its own, and a ratio of two medians measures the
mix as much as the calls. The fastest of a thousand or more samples is the call at full speed,
the transfer's likewise. A slow stretch only ever adds time, so the fastest of all ${runs.length} runs is
the closest to full speed, and it is what the targets are judged on; each run's own ratio is
shown too: a run's 10 s can miss every fast stretch of the call or of the transfer, which moves
its ratio by up to a tenth or two${
  singleRunMisses.length === 0
    ? ''
    : ` (${singleRunMisses.map((n) => `\`${n}\``).join(', ')} over the target in at least one run)`
}.

| call | ${runs.map((_, n) => `run ${n + 1}`).join(' | ')} | fastest of all runs | target | within |
|---|${runs.map(() => '---|').join('')}---|---|---|
${fastTransferRow}
${fastRows.join('\n')}

## Run to run

Each call's execution ratio to \`transfer_keep_alive\` in each of the ${runs.length} runs (the first is
the table above), and the worst of them against the target. ${
  misses === 0
    ? `Every call is within its target in every run.`
    : `${misses} call(s) miss the target in at least one run.`
}

| call | ${runHeads.join(' | ')} | worst | target | within in every run |
|---|${runHeads.map(() => '---|').join('')}---|---|---|
${transferRow}
${runRows.join('\n')}
${acceptParts}${costParts}
## Flat with scale

The lifecycle calls with 10, 10,000 and 100,000 other payer/payee pairs already stored (each
with a grade, a settled request and its open debt, indexed with what it owes). The fastest of
${samples} sample(s) per size (storing 100,000 pairs takes about a minute per sample here): extrinsic
time, measured proof size (median), and storage reads/writes; the last columns are the time at 100,000
over the time at 10, and over the time at 10,000. Reads and writes do not change with size,
which is what flat means, and the weights charge them at a fixed database weight and the proof
at \`MaxEncodedLen\`, whatever the number stored. The time does move with the trie: at 10 pairs
the whole state is a few nodes in the CPU's cache; from 10,000 to 100,000 (ten times as many)
each read walks about one more trie level (the measured proof grows the same way), the cost of
any storage map, not of this pallet walking its entries. The last row is the reference: a plain
transfer to a new account (what \`transfer_keep_alive\` does) in the same state.

| call | 10 stored | 10,000 stored | 100,000 stored | 100,000 / 10 | 100,000 / 10,000 |
|---|---|---|---|---|---|
${scaleRows.join('\n')}
`,
);
console.log(`wrote ${report}`);
