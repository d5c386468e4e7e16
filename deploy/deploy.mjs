#!/usr/bin/env node
// Deploys a credit network of one's own from one small config file (see `deploy/example.json`
// and the README's "Deploy your own network"):
//
//   node deploy/deploy.mjs <config.json> [--out <dir>] [--start]
//
// It writes, under `--out` (default `./deployment`):
//   - `chain-spec.json`: the raw chain spec, built from the runtime's `local_testnet` preset with
//     the config's validators, governance account, CA, pool funding, endowments and token;
//   - for each validator `<name>/`: its keystore with fresh Aura (sr25519) and GRANDPA
//     (ed25519) keys, its network key (`node-key`), its command line (`command.sh`) and a
//     systemd unit (`credit-node-<name>.service`).
// Secret phrases are generated here and written only into each validator's own keystore.
// With `--start` (a local deployment: every host 127.0.0.1), it starts every node on loopback
// and reports the network deployed only once each node's log and `system_health` confirm that
// it started, connected to every other validator, imports and finalizes blocks, naming the
// log lines that confirmed it. On any failure it names the node and the reason (a port taken, a
// key missing, a peer unreachable, a node that exited) and stops everything it started.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { BIN, rpc } from '../e2e/lib/node.mjs';


/** A deployment problem, naming the node it concerns (if any). */
export class DeployError extends Error {
	constructor(node, reason) {
		super(node ? `${node}: ${reason}` : reason);
		this.node = node;
		this.reason = reason;
	}
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const AMOUNT = /^[0-9]{1,39}$/;

/** Checks `config` and fills in the defaults; throws a `DeployError` naming the bad field. */
export function checkConfig(config) {
	const fail = (field, why) => { throw new DeployError(null, `config: ${field} ${why}`); };
	if (typeof config.name !== 'string' || !config.name) fail('name', 'must be a non-empty string');
	if (typeof config.id !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(config.id)) {
		fail('id', 'must be lowercase letters, digits and underscores');
	}
	const token = { symbol: 'CRD', decimals: 12, ss58Format: 42, ...config.token };
	if (!Array.isArray(config.validators) || config.validators.length === 0) fail('validators', 'must list at least one validator');
	const seen = new Set();
	const validators = config.validators.map((v, i) => {
		if (!NAME.test(v.name ?? '')) fail(`validators[${i}].name`, 'must be lowercase letters, digits and dashes');
		if (seen.has(v.name)) fail(`validators[${i}].name`, `repeats "${v.name}"`);
		seen.add(v.name);
		const port = (key, base) => {
			const value = v[key] ?? base + i;
			if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`validators[${i}].${key}`, 'must be a TCP port');
			return value;
		};
		return {
			name: v.name,
			host: v.host ?? '127.0.0.1',
			p2pPort: port('p2pPort', 30333),
			rpcPort: port('rpcPort', 9944),
			prometheusPort: port('prometheusPort', 9615),
			basePath: v.basePath,
		};
	});
	const address = (field, value) => {
		try {
			decodeAddress(value);
			return value;
		} catch {
			return fail(field, `is not an SS58 address: ${value}`);
		}
	};
	const governance = address('governance', config.governance);
	if (!/^0x[0-9a-fA-F]{64}$/.test(config.ca?.publicKey ?? '')) fail('ca.publicKey', 'must be a 32-byte sr25519 public key in hex');
	if (typeof config.ca.name !== 'string' || !config.ca.name) fail('ca.name', 'must be a non-empty string');
	const funding = String(config.pool?.funding ?? '0');
	if (!AMOUNT.test(funding)) fail('pool.funding', 'must be a whole number of base units');
	const endowments = (config.endowments ?? []).map(([who, amount], i) => {
		if (!AMOUNT.test(String(amount))) fail(`endowments[${i}]`, 'amount must be a whole number of base units');
		return [address(`endowments[${i}]`, who), String(amount)];
	});
	return { ...config, token, validators, governance, funding, endowments };
}

function node(args, what) {
	try {
		return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
	} catch (e) {
		throw new DeployError(null, `${what} failed: ${e.stderr?.trim() || e.message}`);
	}
}

/** The genesis patch for the config's network, over the runtime's defaults. */
function genesisPatch(config, keys) {
	const bigint = (s) => BigInt(s);
	return {
		aura: { authorities: keys.map((k) => k.aura) },
		grandpa: { authorities: keys.map((k) => [k.grandpa, 1]) },
		sudo: { key: config.governance },
		balances: { balances: config.endowments.map(([who, amount]) => [who, bigint(amount)]) },
		credit: {
			poolFunding: bigint(config.funding),
			cas: [[Array.from(Buffer.from(config.ca.name, 'utf8')), Array.from(hexToU8a(config.ca.publicKey))]],
		},
	};
}

// JSON with u128 amounts written as plain numbers, as the runtime's genesis reads them.
const toJson = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `@@${v}@@` : v), 2)
	.replace(/"@@(\d+)@@"/g, '$1');

/**
 * Generates keys, the raw chain spec, command lines and systemd units for `config` under
 * `outDir`; returns the plan: per node, its name, ports, base path, public keys, peer id and
 * command line.
 */
export async function generate(rawConfig, outDir) {
	await cryptoWaitReady();
	const config = checkConfig(rawConfig);
	outDir = resolve(outDir);
	if (existsSync(join(outDir, 'chain-spec.json'))) {
		throw new DeployError(null, `${outDir} already holds a deployment: choose another --out`);
	}
	mkdirSync(outDir, { recursive: true });
	const sr = new Keyring({ type: 'sr25519' });
	const ed = new Keyring({ type: 'ed25519' });
	const keys = config.validators.map((v) => {
		const phrase = mnemonicGenerate(24);
		return {
			phrase,
			aura: sr.addFromUri(phrase).address,
			grandpa: ed.addFromUri(phrase).address,
			auraHex: u8aToHex(sr.addFromUri(phrase).publicKey),
			grandpaHex: u8aToHex(ed.addFromUri(phrase).publicKey),
		};
	});

	const nodes = config.validators.map((v, i) => {
		const basePath = resolve(v.basePath ?? join(outDir, v.name));
		mkdirSync(basePath, { recursive: true });
		const nodeKeyFile = join(basePath, 'node-key');
		writeFileSync(nodeKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
		const peerId = node(['key', 'inspect-node-key', '--file', nodeKeyFile], `${v.name}'s peer id`).trim();
		return { ...v, basePath, nodeKeyFile, peerId, aura: keys[i].aura, grandpa: keys[i].grandpa };
	});

	const plain = JSON.parse(node(['export-chain-spec', '--chain', 'local'], 'exporting the local chain spec'));
	plain.name = config.name;
	plain.id = config.id;
	plain.chainType = 'Live';
	plain.protocolId = config.id;
	plain.properties = { tokenSymbol: config.token.symbol, tokenDecimals: config.token.decimals, ss58Format: config.token.ss58Format };
	plain.bootNodes = nodes.map((n) => `${multiaddr(n.host)}/tcp/${n.p2pPort}/p2p/${n.peerId}`);
	plain.genesis.runtimeGenesis.patch = genesisPatch(config, keys);
	const plainFile = join(outDir, 'chain-spec.plain.json');
	writeFileSync(plainFile, toJson(plain));
	const specFile = join(outDir, 'chain-spec.json');
	node(['export-chain-spec', '--chain', plainFile, '--raw', '--output', specFile], 'building the raw chain spec');

	for (const [i, n] of nodes.entries()) {
		const keystore = join(n.basePath, 'chains', config.id, 'keystore');
		mkdirSync(keystore, { recursive: true, mode: 0o700 });
		// The node's keystore format: one file per key, named by key type and public key, holding
		// the secret phrase as a JSON string.
		for (const [type, pub] of [['aura', keys[i].auraHex], ['gran', keys[i].grandpaHex]]) {
			const file = join(keystore, Buffer.from(type).toString('hex') + pub.slice(2));
			writeFileSync(file, JSON.stringify(keys[i].phrase), { mode: 0o600 });
		}
		n.args = [
			'--chain', specFile,
			'--base-path', n.basePath,
			'--name', n.name,
			'--validator',
			'--node-key-file', n.nodeKeyFile,
			'--listen-addr', `/ip4/${n.host === '127.0.0.1' ? '127.0.0.1' : '0.0.0.0'}/tcp/${n.p2pPort}`,
			'--rpc-port', String(n.rpcPort),
			'--prometheus-port', String(n.prometheusPort),
			'--no-mdns',
			'--no-telemetry',
		];
		const line = [BIN, ...n.args].map(shellQuote).join(' ');
		writeFileSync(join(n.basePath, 'command.sh'), `#!/bin/sh\nexec ${line} "$@"\n`, { mode: 0o755 });
		writeFileSync(join(n.basePath, `credit-node-${n.name}.service`), systemdUnit(config, n, line));
	}
	return { config, specFile, nodes };
}

function multiaddr(host) {
	if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return `/ip4/${host}`;
	if (host.includes(':')) return `/ip6/${host}`;
	return `/dns/${host}`;
}

const shellQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function systemdUnit(config, n, line) {
	return `[Unit]
Description=${config.name}: validator ${n.name}
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=${line}
Restart=on-failure
RestartSec=5
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
`;
}

/** Checks that `n`'s keystore holds its Aura and GRANDPA keys. */
function checkKeys(n, chainId) {
	const keystore = join(n.basePath, 'chains', chainId, 'keystore');
	const files = existsSync(keystore) ? readdirSync(keystore) : [];
	for (const [type, key] of [['aura', n.aura], ['gran', n.grandpa]]) {
		const pub = u8aToHex(decodeAddress(key)).slice(2);
		if (!files.includes(Buffer.from(type).toString('hex') + pub)) {
			throw new DeployError(n.name, `key missing: no ${type} key ${key} in ${keystore}`);
		}
	}
}

/** Resolves if nothing listens on 127.0.0.1:`port`, else rejects with the listen error. */
const probe = (port) => new Promise((ok, fail) => {
	const server = net.createServer();
	server.once('error', fail);
	server.listen(port, '127.0.0.1', () => server.close(ok));
});

/**
 * Checks that each of `n`'s ports is free: the node would otherwise move its RPC server to a
 * random port, or fail later with a less clear error.
 */
async function checkPorts(n) {
	for (const [what, port] of [['p2p', n.p2pPort], ['rpc', n.rpcPort], ['prometheus', n.prometheusPort]]) {
		await probe(port).catch((e) => {
			throw new DeployError(n.name, `a port is taken: its ${what} port ${port} on 127.0.0.1 (${e.code ?? e.message})`);
		});
	}
}

// A log line without its colours and its timestamp.
const plainLine = (line) =>
	line?.replace(/\x1b\[[0-9;]*m/g, '').replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\s+/, '').trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts one node of the plan; resolves with a handle once it is running (not yet ready). */
export function startOne(n) {
	const proc = spawn(BIN, n.args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	const append = (d) => { log += d; };
	proc.stdout.on('data', append);
	proc.stderr.on('data', append);
	// `close`, not `exit`: the log is complete once the node's output streams closed.
	const exited = new Promise((r) => proc.on('close', (code, signal) => r({ code, signal })));
	return {
		...n,
		proc,
		pid: proc.pid,
		log: () => log,
		exited,
		async stop(signal = 'SIGINT') {
			if (proc.exitCode !== null || proc.signalCode !== null) return;
			proc.kill(signal);
			const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Why `running` exited, from the last error line of its log. */
function exitReason(running, { code, signal }) {
	const lines = running.log().split('\n').map(plainLine).filter(Boolean).reverse();
	// The node's own last word (`Error: ...`), else the last line that says what went wrong.
	const error = lines.find((l) => l.startsWith('Error:')) ??
		lines.find((l) => /error|in use|failed|panicked/i.test(l)) ?? lines[0] ?? '';
	const taken = /in use/i.test(error) ? 'a port is taken: ' : '';
	return `${taken}the node exited (${signal ?? `code ${code}`}) before it was ready: "${error}"`;
}

/**
 * Waits until `running` meets `check` (returns a truthy value), failing with a `DeployError`
 * naming the node if it exits first or `ms` pass (`why` says what was awaited).
 */
async function waitFor(running, what, ms, check) {
	const end = Date.now() + ms;
	let exit;
	running.exited.then((e) => { exit = e; });
	for (;;) {
		if (exit) throw new DeployError(running.name, exitReason(running, exit));
		const value = await check().catch(() => undefined);
		if (value) return value;
		if (Date.now() > end) throw new DeployError(running.name, `${what} (waited ${ms / 1000} s)`);
		await sleep(500);
	}
}

/**
 * Confirms, node by node, that each started, is connected to every other validator, imports and
 * finalizes blocks, from its log and `system_health`; returns one report line per node.
 */
export async function confirmReady(running, timeoutMs = 120_000) {
	const others = running.length - 1;
	const lines = [];
	for (const n of running) {
		const last = (pattern) => n.log().split('\n').filter((l) => pattern.test(plainLine(l))).at(-1);
		const started = await waitFor(n, 'not started: no CREDIT-NODE READY line', timeoutMs, async () =>
			last(/CREDIT-NODE READY/));
		const health = await waitFor(n, `a peer is unreachable: fewer than ${others} peers`, timeoutMs, async () => {
			const h = await rpc(n.rpcPort, 'system_health');
			return h.peers >= others && !h.isSyncing ? h : undefined;
		});
		const imported = await waitFor(n, 'imports no blocks', timeoutMs, async () =>
			last(/(Imported #|Prepared block for proposing at) [1-9]/));
		const finalized = await waitFor(n, 'finalizes no blocks', timeoutMs, async () => {
			const head = await rpc(n.rpcPort, 'chain_getHeader', [await rpc(n.rpcPort, 'chain_getFinalizedHead')]);
			return parseInt(head.number, 16) >= 1 && last(new RegExp(`\\(${others} peers\\).*finalized #[1-9]`));
		});
		lines.push(
			`${n.name}: started ("${plainLine(started)}"); ` +
			`connected (system_health peers=${health.peers}, isSyncing=false); ` +
			`importing ("${plainLine(imported)}"); finalizing ("${plainLine(finalized)}")`,
		);
	}
	return lines.join('\n');
}

/**
 * Starts every node of `plan` on loopback and confirms the network; on failure stops every node
 * it started and throws the `DeployError`, with `started` (the pids it started, all stopped).
 */
export async function start(plan, { timeoutMs = 120_000 } = {}) {
	const running = [];
	try {
		for (const n of plan.nodes) {
			if (n.host !== '127.0.0.1') throw new DeployError(n.name, `a local deployment runs on 127.0.0.1, not ${n.host}`);
			checkKeys(n, plan.config.id);
			await checkPorts(n);
			const one = startOne(n);
			running.push(one);
			const ready = await waitFor(one, 'not started: no CREDIT-NODE READY line', timeoutMs, async () =>
				one.log().split('\n').find((l) => l.includes('CREDIT-NODE READY')));
			if (!ready.includes(`rpc=127.0.0.1:${n.rpcPort}`)) {
				throw new DeployError(n.name, `a port is taken: its RPC server is not on 127.0.0.1:${n.rpcPort} ("${plainLine(ready)}")`);
			}
		}
		const report = await confirmReady(running, timeoutMs);
		return { running, report: `${report}\nnetwork deployed: ${running.map((n) => `${n.name} ws://127.0.0.1:${n.rpcPort}`).join(', ')}` };
	} catch (e) {
		await Promise.all(running.map((n) => n.stop('SIGKILL')));
		e.started = running.map((n) => n.pid);
		throw e;
	}
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const args = process.argv.slice(2);
	const flag = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args.splice(i, 2)[1] : undefined;
	};
	const outDir = flag('--out') ?? 'deployment';
	const startIt = args.includes('--start');
	const file = args.find((a) => !a.startsWith('--'));
	if (!file) {
		console.error('usage: node deploy/deploy.mjs <config.json> [--out <dir>] [--start]');
		process.exit(2);
	}
	try {
		const plan = await generate(JSON.parse(readFileSync(file, 'utf8')), outDir);
		console.log(`chain spec: ${plan.specFile}`);
		for (const n of plan.nodes) console.log(`${n.name}: ${join(n.basePath, 'command.sh')}, aura ${n.aura}, grandpa ${n.grandpa}, peer ${n.peerId}`);
		if (!startIt) process.exit(0);
		const { running, report } = await start(plan);
		console.log(report);
		const stop = async () => {
			await Promise.all(running.map((n) => n.stop()));
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	} catch (e) {
		console.error(`deployment failed: ${e.message}`);
		process.exit(1);
	}
}

