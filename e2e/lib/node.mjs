// Starting and stopping the real node binary for end-to-end tests, on loopback only.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const BIN = process.env.CREDIT_NODE ??
	`${process.env.CARGO_TARGET_DIR ?? `${process.env.HOME}/.cache/credit-chain/target`}/debug/credit-node`;
export const UNIT = 10n ** 12n;

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, below Linux's ephemeral range (32768 and
 * up), so that no outgoing connection of a running node can take it before the test uses it.
 */
export async function freePort() {
	const probe = (port) => new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	for (;;) {
		const port = 20_000 + Math.floor(Math.random() * 12_000);
		if (!handedOut.has(port) && await probe(port)) {
			handedOut.add(port);
			return port;
		}
	}
}
const handedOut = new Set();

/** One JSON-RPC call over HTTP to the node on `port`; throws the node's error. */
export async function rpc(port, method, params = []) {
	const res = await fetch(`http://127.0.0.1:${port}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
	});
	const body = await res.json();
	if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
	return body.result;
}

/** Polls `check` every half second until it returns a truthy value, or fails after `ms`. */
export async function until(what, ms, check) {
	const end = Date.now() + ms;
	for (;;) {
		const value = await check().catch(() => undefined);
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

const running = new Set();
process.on('exit', () => { for (const p of running) p.kill('SIGKILL'); });

/**
 * Starts the node with `args` (plus loopback-only networking) and resolves once its log says
 * `CREDIT-NODE READY`. `basePath` keeps the database (for restarts); without it, a temporary
 * folder is used and removed on stop.
 */
export async function startNode({ args = ['--dev'], basePath, rpcPort, p2pPort, prometheusPort, name = 'node' } = {}) {
	rpcPort ??= await freePort();
	p2pPort ??= await freePort();
	const ownBase = !basePath;
	basePath ??= mkdtempSync(join(tmpdir(), 'credit-e2e-'));
	const proc = spawn(BIN, [
		...args,
		'--base-path', basePath,
		'--no-mdns', '--no-telemetry',
		...(prometheusPort ? ['--prometheus-port', String(prometheusPort)] : ['--no-prometheus']),
		'--rpc-port', String(rpcPort),
		'--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
	], { stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(proc);
	let log = '';
	const append = (d) => { log += d; };
	proc.stdout.on('data', append);
	proc.stderr.on('data', append);
	const exited = new Promise((resolve) => proc.on('exit', resolve));
	const node = {
		name, proc, rpcPort, p2pPort, basePath,
		log: () => log,
		ready: undefined,
		/** Stops the node: SIGINT, then SIGKILL after 10 s (or at once with `signal`). */
		async stop(signal = 'SIGINT') {
			if (proc.exitCode === null && proc.signalCode === null) {
				proc.kill(signal);
				const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			running.delete(proc);
			if (ownBase) rmSync(basePath, { recursive: true, force: true });
		},
	};
	try {
		node.ready = await Promise.race([
			until(`${name}'s READY line`, 120_000, async () =>
				log.split('\n').find((line) => line.includes('CREDIT-NODE READY'))),
			exited.then((code) => { throw new Error(`${name} exited with ${code} before it was ready`); }),
		]);
	} catch (e) {
		await node.stop('SIGKILL');
		throw new Error(`${e.message}\n--- ${name} log ---\n${log.slice(-3000)}`);
	}
	return node;
}

/** A polkadot.js API connected to `node`. */
export async function connect(node) {
	const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, 1_000);
	return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/**
 * Signs and submits `tx`, resolving once it is in a block with the credit events it emitted and,
 * if it failed, the error's name decoded from the metadata (`Credit.PayerCertificateMissing`).
 */
export function send(api, tx, signer) {
	return new Promise((resolve, reject) => {
		let unsub;
		tx.signAndSend(signer, { nonce: -1 }, (result) => {
			const { status, events, dispatchError } = result;
			if (status.isInvalid || status.isDropped || status.isUsurped) {
				unsub?.();
				reject(new Error(`transaction ${status.type}`));
				return;
			}
			if (!status.isInBlock) return;
			unsub?.();
			let error = null;
			if (dispatchError) {
				if (dispatchError.isModule) {
					const meta = api.registry.findMetaError(dispatchError.asModule);
					error = `${meta.section}.${meta.name}`;
				} else {
					error = dispatchError.toString();
				}
			}
			const credit = events
				.filter(({ event }) => event.section === 'credit')
				.map(({ event }) => ({ method: event.method, data: named(event.data) }));
			const sudid = events.find(({ event }) => event.section === 'sudo' && event.method === 'Sudid');
			if (sudid) {
				const r = sudid.event.data[0];
				if (r.isErr) {
					const meta = r.asErr.isModule ? api.registry.findMetaError(r.asErr.asModule) : null;
					error = meta ? `${meta.section}.${meta.name}` : r.asErr.toString();
				}
			}
			resolve({ blockHash: status.asInBlock.toHex(), events: credit, error });
		}).then((u) => { unsub = u; }, reject);
	});
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** An event's fields by name (camelCase, as polkadot.js names struct fields). */
function named(data) {
	const names = data.names ?? [];
	return Object.fromEntries(data.map((value, i) => [camel(names[i] ?? String(i)), value.toJSON()]));
}

/** Runs `credit-node issue-certificate` with `options` and returns its JSON. */
export function issueCertificate(options) {
	const args = ['issue-certificate'];
	for (const [key, value] of Object.entries(options)) {
		args.push(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(value));
	}
	return JSON.parse(execFileSync(BIN, args, { encoding: 'utf8' }));
}
