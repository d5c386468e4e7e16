// Starts the real node (`--dev --tmp`, loopback only) and checks what an operator and a frontend
// first rely on: the READY log line, blocks produced and finalized, and a CreditApi call over
// JSON-RPC `state_call` whose answer decodes. The node is always killed, even on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';

const BIN = process.env.CREDIT_NODE ??
	`${process.env.CARGO_TARGET_DIR ?? `${process.env.HOME}/.cache/credit-chain/target`}/debug/credit-node`;
const ALICE = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const BOB = '8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48';
const UNIT = 10n ** 12n;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

async function rpc(port, method, params = []) {
	const res = await fetch(`http://127.0.0.1:${port}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
	});
	const body = await res.json();
	if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
	return body.result;
}

async function until(what, deadlineMs, check) {
	const end = Date.now() + deadlineMs;
	for (;;) {
		const value = await check().catch(() => undefined);
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

const u128le = (n) => Buffer.from(n.toString(16).padStart(32, '0'), 'hex').reverse().toString('hex');
const readU128 = (buf, offset) =>
	BigInt('0x' + Buffer.from(buf.subarray(offset, offset + 16)).reverse().toString('hex'));

test('the dev node starts, finalizes blocks and answers the credit dry run', async (t) => {
	const [rpcPort, p2pPort] = [await freePort(), await freePort()];
	const node = spawn(BIN, [
		'--dev', '--tmp', '--no-mdns', '--no-prometheus', '--no-telemetry',
		'--rpc-port', String(rpcPort),
		'--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
	], { stdio: ['ignore', 'pipe', 'pipe'] });
	t.after(() => node.kill('SIGKILL'));
	let log = '';
	node.stdout.on('data', (d) => { log += d; });
	node.stderr.on('data', (d) => { log += d; });

	const ready = await until('the READY log line', 120_000, async () =>
		log.split('\n').find((line) => line.includes('CREDIT-NODE READY')));
	assert.match(ready, /role=Authority/);

	const finalized = await until('a finalized block above #1', 120_000, async () => {
		const head = await rpc(rpcPort, 'chain_getFinalizedHead');
		const header = await rpc(rpcPort, 'chain_getHeader', [head]);
		return parseInt(header.number, 16) >= 2 ? header : undefined;
	});
	assert.ok(parseInt(finalized.number, 16) >= 2);

	const call = (amount) =>
		rpc(rpcPort, 'state_call', ['CreditApi_dry_run', `0x${ALICE}${BOB}${u128le(amount)}`]);
	// DryRun { limits: LimitCheck (six u128), verdict: Verdict (0 = Pass, 1 = Rejected, 2 = Refused) }
	const pass = Buffer.from((await call(10n * UNIT)).slice(2), 'hex');
	assert.equal(readU128(pass, 0), 1_000n * UNIT, 'payee limit from the genesis grade');
	// Base 10,000, but Bob has no settled volume yet: the formula admits the 1,000-unit allowance.
	assert.equal(readU128(pass, 32), 1_000n * UNIT, 'node limit from the formula');
	assert.equal(pass[96], 0, 'verdict Pass');
	const rejected = Buffer.from((await call(1_001n * UNIT)).slice(2), 'hex');
	assert.equal(rejected[96], 1, 'verdict Rejected');
});
