#!/usr/bin/env node
// Takes a snapshot of a dev chain for the runtime's try-runtime test: starts the dev node,
// runs a credit flow (request, accept, acknowledge, part repayment, another request left
// pending), waits for it to be final, and writes every storage pair at the finalized head to
// the given JSON file. `runtime/tests/try_runtime.rs` loads it and runs `try_state` of every
// pallet on it.
// Usage: node scripts/snapshot.mjs [out.json]   (default: $CARGO_TARGET_DIR/dev-snapshot.json)
import { writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, send, until, rpc, UNIT } from '../e2e/lib/node.mjs';

const out = process.argv[2] ??
	`${process.env.CARGO_TARGET_DIR ?? `${process.env.HOME}/.cache/credit-chain/target`}/dev-snapshot.json`;

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
const node = await startNode({ args: ['--dev'], name: 'snapshot' });
const api = await connect(node);
try {
	const goods = { orderHash: `0x${'44'.repeat(32)}`, description: 'snapshot order' };
	const asked = await send(api, api.tx.credit.requestCreditPayment(bob.address, 100n * UNIT, goods), alice);
	const id = asked.events.find((e) => e.method === 'PaymentRequested').data.id;
	await send(api, api.tx.credit.acceptRequest(id), bob);
	await send(api, api.tx.credit.acknowledgeReceipt(id), bob);
	await send(api, api.tx.credit.repay(id, 40n * UNIT), alice);
	const last = await send(api, api.tx.credit.requestCreditPayment(alice.address, 5n * UNIT, goods), charlie);
	if (last.error) throw new Error(`snapshot flow failed: ${last.error}`);
	const header = await api.rpc.chain.getHeader(last.blockHash);
	await until('the flow to be final', 60_000, async () =>
		(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >=
			header.number.toNumber());
	const at = (await api.rpc.chain.getFinalizedHead()).toHex();
	const number = (await api.rpc.chain.getHeader(at)).number.toNumber();

	const pairs = [];
	let start = null;
	for (;;) {
		const keys = await rpc(node.rpcPort, 'state_getKeysPaged', ['0x', 512, start, at]);
		if (keys.length === 0) break;
		const [changes] = await rpc(node.rpcPort, 'state_queryStorageAt', [keys, at]);
		for (const [key, value] of changes.changes) if (value !== null) pairs.push([key, value]);
		start = keys.at(-1);
		if (keys.length < 512) break;
	}
	writeFileSync(out, JSON.stringify({ block: number, hash: at, pairs }));
	console.log(`snapshot of block #${number} (${at}): ${pairs.length} storage pairs -> ${out}`);
} finally {
	await api.disconnect();
	await node.stop();
}
