// Durability: a dev node is killed with SIGKILL in the middle of a credit flow (a request
// settled and final, a repayment just submitted), restarted on the same base path, and must
// find the same finalized head and the same credit state at it, and go on from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, send, until, UNIT } from './lib/node.mjs';

async function creditState(api, at) {
	const apiAt = await api.at(at);
	const next = (await apiAt.query.credit.nextRequestId()).toNumber();
	const requests = [];
	for (let id = 0; id < next; id += 1) requests.push((await apiAt.query.credit.requests(id)).toJSON());
	const debts = (await apiAt.query.credit.debts.entries()).map(([k, v]) => [k.toHex(), v.toJSON()]);
	const pool = (await apiAt.query.credit.pool()).toJSON();
	const parties = (await apiAt.query.credit.parties.entries()).map(([k, v]) => [k.toHex(), v.toJSON()]);
	return { next, requests, debts, pool, parties };
}

test('a SIGKILLed node restarts with the same finalized head and credit state', async (t) => {
	await cryptoWaitReady();
	const keyring = new Keyring({ type: 'sr25519' });
	const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
	const basePath = mkdtempSync(join(tmpdir(), 'credit-e2e-durable-'));
	let node = await startNode({ args: ['--dev'], basePath, name: 'durable' });
	let api = await connect(node);
	t.after(async () => {
		await api.disconnect().catch(() => {});
		await node.stop('SIGKILL');
		rmSync(basePath, { recursive: true, force: true });
	});

	const goods = { orderHash: `0x${'55'.repeat(32)}`, description: 'durable order' };
	const asked = await send(api, api.tx.credit.requestCreditPayment(bob.address, 50n * UNIT, goods), alice);
	const id = asked.events.find((e) => e.method === 'PaymentRequested').data.id;
	const accepted = await send(api, api.tx.credit.acceptRequest(id), bob);
	const settledAt = (await api.rpc.chain.getHeader(accepted.blockHash)).number.toNumber();
	await until('the settlement to be final', 60_000, async () =>
		(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= settledAt);

	// Mid-flow: a repayment goes out, and the node dies without a chance to flush anything.
	await api.tx.credit.repay(id, 10n * UNIT).signAndSend(alice, { nonce: -1 });
	const finalized = (await api.rpc.chain.getFinalizedHead()).toHex();
	const before = await creditState(api, finalized);
	await api.disconnect();
	await node.stop('SIGKILL');

	node = await startNode({ args: ['--dev'], basePath, name: 'durable-restarted' });
	api = await connect(node);
	const finalizedNumber = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
	assert.equal((await api.rpc.chain.getBlockHash(finalizedNumber)).toHex(), finalized,
		'the finalized block is still in the chain, at the same height');
	const afterRestart = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
	assert.ok(afterRestart >= finalizedNumber, 'finality did not go back');
	assert.deepEqual(await creditState(api, finalized), before, 'the same credit state at that head');
	assert.ok('settled' in before.requests[id].status);

	// And the chain goes on: the debt can still be repaid after the restart.
	const owed = (await api.call.creditApi.debtsOf(alice.address)).toJSON()
		.map(([, d]) => BigInt(d.principal) + BigInt(d.fee) - BigInt(d.repaid))[0];
	const repaid = await send(api, api.tx.credit.repay(id, owed), alice);
	assert.equal(repaid.error, null);
	assert.ok(repaid.events.some((e) => e.method === 'DebtCleared'));
});
