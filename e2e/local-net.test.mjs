// Four validators (`--chain local`: alice, bob, charlie, dave) on loopback, started by the
// launcher, which reports each node ready from its log and `system_health`. One credit payment
// is finalized and visible on all four. GRANDPA finalizes with more than two thirds of the
// authority weight: with four equal validators, three votes. Dave stops: blocks and finality go
// on. Charlie stops too: blocks go on, finality waits; charlie restarts on its database and
// finality catches up. Every node is stopped at the end, whatever happens.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalNet, checkReady } from '../scripts/local-net.mjs';
import { startNode, connect, send, until, UNIT } from './lib/node.mjs';

let net;
let apis = [];
const charlieBase = mkdtempSync(join(tmpdir(), 'credit-e2e-charlie-'));

before(async () => {
	await cryptoWaitReady();
	net = await startLocalNet(['alice', 'bob', 'charlie', 'dave'], { basePaths: { charlie: charlieBase } });
	console.log(net.report);
	apis = await Promise.all(net.nodes.map(connect));
});

after(async () => {
	await Promise.all(apis.map((api) => api.disconnect().catch(() => {})));
	await Promise.all((net?.nodes ?? []).map((n) => n.stop()));
	rmSync(charlieBase, { recursive: true, force: true });
});

const finalizedNumber = async (api) =>
	(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
const bestNumber = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();

test('the launcher confirms every node from its log', () => {
	for (const name of ['alice', 'bob', 'charlie', 'dave']) {
		assert.match(net.report, new RegExp(`^${name}: started \\(".*CREDIT-NODE READY name=${name} role=Authority`, 'm'));
		assert.match(net.report, new RegExp(`^${name}: .*peers=3`, 'm'));
	}
});

test('a credit payment is finalized and visible on all four nodes', async () => {
	const keyring = new Keyring({ type: 'sr25519' });
	const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
	const [api] = apis;
	// The local preset's grade: Bob lets Alice owe him up to 1,000 units.
	const goods = { orderHash: `0x${'33'.repeat(32)}`, description: 'four-node order' };
	const asked = await send(api, api.tx.credit.requestCreditPayment(bob.address, 10n * UNIT, goods), alice);
	assert.equal(asked.error, null);
	const id = asked.events.find((e) => e.method === 'PaymentRequested').data.id;
	const accepted = await send(api, api.tx.credit.acceptRequest(id), bob);
	assert.equal(accepted.error, null);
	assert.ok(accepted.events.some((e) => e.method === 'PaymentSettled'));

	for (const [i, other] of apis.entries()) {
		await until(`the settlement to be final on ${net.nodes[i].name}`, 60_000, async () => {
			const at = await other.at(await other.rpc.chain.getFinalizedHead());
			const request = (await at.query.credit.requests(id)).toJSON();
			return request && 'settled' in request.status;
		});
	}
});

test('with one of four validators stopped, blocks and finality go on', async () => {
	const dave = net.nodes[3];
	await apis[3].disconnect();
	await dave.stop();
	const [alice, bob] = apis;
	const finalAtStop = await finalizedNumber(alice);
	await until('finality to advance three blocks without dave', 90_000, async () =>
		(await finalizedNumber(alice)) >= finalAtStop + 3 && (await finalizedNumber(bob)) >= finalAtStop + 3);
});

test('with two of four stopped finality waits, and resumes when one returns', async () => {
	const charlie = net.nodes[2];
	await apis[2].disconnect();
	await charlie.stop();
	const [alice, bob] = apis;
	const bestAtStop = await bestNumber(alice);
	await until('alice and bob to produce three more blocks', 60_000, async () =>
		(await bestNumber(alice)) >= bestAtStop + 3 && (await bestNumber(bob)) >= bestAtStop + 3);
	const stalled = await finalizedNumber(alice);
	assert.ok(stalled <= bestAtStop + 1, 'two votes of four are not more than two thirds: finality waits');

	const back = await startNode({
		args: ['--chain', 'local', '--charlie', '--name', 'charlie', '--node-key', '3'.padStart(64, '0'),
			'--bootnodes', net.bootnode],
		basePath: charlieBase, name: 'charlie',
	});
	net.nodes[2] = back;
	console.log(await checkReady([net.nodes[0], net.nodes[1], back]));
	await until('finality to pass the blocks made while charlie was away', 90_000, async () =>
		(await finalizedNumber(alice)) > bestAtStop + 3 && (await finalizedNumber(bob)) > bestAtStop + 3);
	apis[2] = await connect(back);
	assert.ok((await finalizedNumber(apis[2])) >= stalled);
});
