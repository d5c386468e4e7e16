// Four validators (`--chain local`: alice, bob, charlie, dave) on loopback, started by the
// launcher, which reports each node ready from its log and `system_health`. One credit payment
// is finalized and visible on all four. GRANDPA finalizes with more than two thirds of the
// authority weight: with four equal validators, three votes. Dave stops: blocks and finality go
// on (two stopped, and a restart, are the deployment suite's, `deploy.test.mjs`). Every node is
// stopped at the end, whatever happens.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalNet } from '../scripts/local-net.mjs';
import { connect, send, until, UNIT } from './lib/node.mjs';

let net;
let apis = [];

before(async () => {
	await cryptoWaitReady();
	net = await startLocalNet(['alice', 'bob', 'charlie', 'dave']);
	console.log(net.report);
	apis = await Promise.all(net.nodes.map(connect));
});

after(async () => {
	await Promise.all(apis.map((api) => api.disconnect().catch(() => {})));
	await Promise.all((net?.nodes ?? []).map((n) => n.stop()));
});

const finalizedNumber = async (api) =>
	(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

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
