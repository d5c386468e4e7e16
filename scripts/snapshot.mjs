#!/usr/bin/env node
// Takes a snapshot of a dev chain for the runtime's try-runtime tests: starts the dev node and
// runs a credit flow (a debt settled, acknowledged and part repaid; one repaid in full; one
// request declined and one left pending; a grade set; a certificate registered beside the
// genesis ones; a credit increase rejected as abusive, its deposit forfeited to the pool),
// waits for it to be final, and writes every storage pair at the finalized head to the given
// JSON file. `runtime/tests/try_runtime.rs` loads it and runs `try_state` of every pallet on
// it. With `--fixture` the runtime code is left out: the upgrade test's committed snapshot of a
// previous release (`runtime/tests/fixtures/`), whose code the new runtime replaces.
// Usage: node scripts/snapshot.mjs [out.json] [--fixture]
//   (default: $CARGO_TARGET_DIR/dev-snapshot.json)
import { writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, send, until, rpc, issueCertificate, UNIT } from '../e2e/lib/node.mjs';

const args = process.argv.slice(2);
const fixture = args.includes('--fixture');
const CODE_KEY = '0x3a636f6465'; // `:code`
const out = args.find((a) => !a.startsWith('--')) ??
	`${process.env.CARGO_TARGET_DIR ?? `${process.env.HOME}/.cache/credit-chain/target`}/dev-snapshot.json`;

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
const node = await startNode({ args: ['--dev'], name: 'snapshot' });
const api = await connect(node);
/** Sends `tx` signed by `who` and fails the snapshot if it fails. */
async function ok(tx, who) {
	const result = await send(api, tx, who);
	if (result.error) throw new Error(`snapshot flow: ${tx.method.section}.${tx.method.method} failed: ${result.error}`);
	return result;
}
try {
	const goods = { orderHash: `0x${'44'.repeat(32)}`, description: 'snapshot order' };
	const asked = await ok(api.tx.credit.requestCreditPayment(bob.address, 100n * UNIT, goods), alice);
	const id = asked.events.find((e) => e.method === 'PaymentRequested').data.id;
	await ok(api.tx.credit.acceptRequest(id), bob);
	await ok(api.tx.credit.acknowledgeReceipt(id), bob);
	await ok(api.tx.credit.repay(id, 40n * UNIT), alice);
	const cleared = await ok(api.tx.credit.requestCreditPayment(bob.address, 20n * UNIT, goods), alice);
	const clearedId = cleared.events.find((e) => e.method === 'PaymentRequested').data.id;
	await ok(api.tx.credit.acceptRequest(clearedId), bob);
	await ok(api.tx.credit.repay(clearedId, 1_000n * UNIT), alice);
	const declined = await ok(api.tx.credit.requestCreditPayment(charlie.address, 3n * UNIT, goods), alice);
	await ok(api.tx.credit.declineRequest(declined.events.find((e) => e.method === 'PaymentRequested').data.id), charlie);
	await ok(api.tx.credit.setGrade(alice.address, 2, 50n * UNIT), charlie);
	await ok(api.tx.credit.requestCreditIncrease(1_000n * UNIT, `0x${'55'.repeat(32)}`, 'more, please'), dave);
	await ok(api.tx.sudo.sudo(api.tx.credit.rejectCreditIncrease(dave.address, true)), alice);
	const newcomer = keyring.addFromUri('//SnapshotShop');
	await ok(api.tx.balances.transferKeepAlive(newcomer.address, 100n * UNIT), alice);
	const cert = issueCertificate({
		caSuri: '//One', ca: 0, subject: newcomer.address, identityDocument: 'snapshot shop',
		name: 'Snapshot shop', serial: 77, validUntil: 4_102_444_800_000, genesisHash: api.genesisHash.toHex(),
	});
	await ok(api.tx.credit.registerCertificate(cert.payload, cert.signature), newcomer);
	const last = await ok(api.tx.credit.requestCreditPayment(alice.address, 5n * UNIT, goods), charlie);
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
		for (const [key, value] of changes.changes) {
			if (value !== null && !(fixture && key === CODE_KEY)) pairs.push([key, value]);
		}
		start = keys.at(-1);
		if (keys.length < 512) break;
	}
	const version = (await api.rpc.state.getRuntimeVersion(at)).specVersion.toNumber();
	writeFileSync(out, fixture
		? `{"block": ${number}, "hash": "${at}", "specVersion": ${version}, "pairs": [\n${pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`
		: JSON.stringify({ block: number, hash: at, specVersion: version, pairs }));
	console.log(`snapshot of block #${number} (${at}): ${pairs.length} storage pairs -> ${out}`);
} finally {
	await api.disconnect();
	await node.stop();
}
