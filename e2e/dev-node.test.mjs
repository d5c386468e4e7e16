// Starts the real node (`--dev`, a temporary base path, loopback only) and checks what an operator and a frontend
// first rely on: the READY log line, blocks produced and finalized, the Prometheus metrics, and a
// CreditApi call over JSON-RPC `state_call` whose answer decodes. The node is always killed, even on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpc, until, freePort, UNIT } from './lib/node.mjs';

const ALICE = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const BOB = '8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48';

const u128le = (n) => Buffer.from(n.toString(16).padStart(32, '0'), 'hex').reverse().toString('hex');
const readU128 = (buf, offset) =>
	BigInt('0x' + Buffer.from(buf.subarray(offset, offset + 16)).reverse().toString('hex'));

test('the dev node starts, finalizes blocks and answers the credit dry run', async (t) => {
	const prometheusPort = await freePort();
	const node = await startNode({ args: ['--dev'], name: 'dev', prometheusPort });
	t.after(() => node.stop('SIGKILL'));
	const { rpcPort, ready } = node;
	assert.match(ready, /role=Authority/);

	const finalized = await until('a finalized block above #1', 120_000, async () => {
		const head = await rpc(rpcPort, 'chain_getFinalizedHead');
		const header = await rpc(rpcPort, 'chain_getHeader', [head]);
		return parseInt(header.number, 16) >= 2 ? header : undefined;
	});
	assert.ok(parseInt(finalized.number, 16) >= 2);

	// What an operator scrapes: the node's standard Prometheus registry on loopback. The node
	// refreshes its block heights on its informant's tick, so the scrape waits for one.
	const scrape = async () => (await fetch(`http://127.0.0.1:${prometheusPort}/metrics`)).text();
	const value = (metrics, name, label) => {
		const line = metrics.split('\n').find((l) => l.startsWith(name) && l.includes(label));
		return line === undefined ? undefined : Number(line.split(' ').at(-1));
	};
	const metrics = await until('the finalized height in the metrics', 60_000, async () => {
		const text = await scrape();
		return value(text, 'substrate_block_height', 'status="finalized"') >= 1 ? text : undefined;
	});
	assert.ok(value(metrics, 'substrate_block_height', 'status="best"') >= 2, 'best height scraped');
	assert.notEqual(value(metrics, 'substrate_ready_transactions_number', ''), undefined, 'pool size scraped');

	const call = (amount) =>
		rpc(rpcPort, 'state_call', ['CreditApi_dry_run', `0x${ALICE}${BOB}${u128le(amount)}`]);
	// DryRun { limits: LimitCheck (six u128), exposure: ExposureCheck (four u128),
	// verdict: Verdict (0 = Pass, 1 = Rejected, 2 = Refused) }
	const pass = Buffer.from((await call(10n * UNIT)).slice(2), 'hex');
	assert.equal(readU128(pass, 0), 1_000n * UNIT, 'payee limit from the genesis grade');
	// Base 10,000, but Bob has no settled volume yet: the formula admits the 1,000-unit allowance.
	assert.equal(readU128(pass, 32), 1_000n * UNIT, 'node limit from the formula');
	assert.equal(pass[160], 0, 'verdict Pass');
	const rejected = Buffer.from((await call(1_001n * UNIT)).slice(2), 'hex');
	assert.equal(rejected[160], 1, 'verdict Rejected');
});
