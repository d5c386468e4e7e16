#!/usr/bin/env node
// Throughput on a live dev node: N full credit cycles (request, accept, acknowledge, repay) and
// N plain transfers, submitted as fast as the pool takes them, from the pre-funded dev accounts
// that hold certificates and grades in the development preset (payers Alice and Dave buying
// from Bob, Ferdie from Eve; at most 15 open per payer, the runtime's bound being 16).
// Reports extrinsics per second for each kind and the share of each block's weight they used.
// Usage: node scripts/load.mjs [cycles per payer, default 15] [ws url; default: start a dev node]
// With LOAD_REPORT=docs/throughput.md the report is also written there.
import { writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, connect, UNIT } from '../e2e/lib/node.mjs';

const perPayer = Math.min(Number(process.argv[2] ?? 15), 15);
const url = process.argv[3];
await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const k = (u) => keyring.addFromUri(u);
const pairs = [
	{ payer: k('//Alice'), payee: k('//Bob'), amount: UNIT },
	{ payer: k('//Dave'), payee: k('//Bob'), amount: UNIT },
	{ payer: k('//Ferdie'), payee: k('//Eve'), amount: UNIT / 2n },
];
const node = url ? null : await startNode({ args: ['--dev'], name: 'load' });
const api = url
	? await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true })
	: await connect(node);

const blocks = new Map(); // block number -> { credit, transfer, weight share }
const maxBlock = api.consts.system.blockWeights.maxBlock.refTime.toBigInt();

/** Submits every tx of `batch` ([signer, tx, kind]) at once with local nonces; resolves when all are in blocks. */
async function submitAll(batch) {
	const nonces = new Map();
	const numbered = [];
	let started;
	for (const [signer, tx, kind] of batch) {
		if (!nonces.has(signer.address)) {
			nonces.set(signer.address, (await api.rpc.system.accountNextIndex(signer.address)).toNumber());
		}
		const nonce = nonces.get(signer.address);
		nonces.set(signer.address, nonce + 1);
		numbered.push([signer, tx, kind, nonce]);
	}
	started = Date.now();
	const results = await Promise.all(numbered.map(([signer, tx, kind, nonce]) => {
		return new Promise((resolve, reject) => {
			tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
				if (status.isInvalid || status.isDropped) reject(new Error(`${kind}: ${status.type}`));
				if (!status.isInBlock) return;
				if (dispatchError) reject(new Error(`${kind}: ${dispatchError.toString()}`));
				resolve({ kind, block: status.asInBlock.toHex(), events });
			}).catch(reject);
		});
	}));
	const seconds = (Date.now() - started) / 1000;
	for (const r of results) {
		const header = await api.rpc.chain.getHeader(r.block);
		const n = header.number.toNumber();
		if (!blocks.has(n)) {
			const weight = await (await api.at(r.block)).query.system.blockWeight();
			const used = weight.normal.refTime.toBigInt();
			blocks.set(n, { credit: 0, transfer: 0, share: Number((used * 10_000n) / maxBlock) / 100 });
		}
		blocks.get(n)[r.kind] += 1;
	}
	return { results, seconds };
}

try {
	const goods = { orderHash: `0x${'66'.repeat(32)}`, description: 'load' };
	let creditSeconds = 0;
	const request = await submitAll(pairs.flatMap((p) => Array.from({ length: perPayer }, () =>
		[p.payer, api.tx.credit.requestCreditPayment(p.payee.address, p.amount, goods), 'credit'])));
	creditSeconds += request.seconds;
	const ids = request.results.map((r) => {
		const e = r.events.find(({ event }) => event.method === 'PaymentRequested').event;
		return { id: e.data[0].toNumber(), payer: e.data[1].toString() };
	});
	const byPayer = (address) => pairs.find((p) => p.payer.address === address);
	for (const call of ['acceptRequest', 'acknowledgeReceipt']) {
		const phase = await submitAll(ids.map(({ id, payer }) =>
			[byPayer(payer).payee, api.tx.credit[call](id), 'credit']));
		creditSeconds += phase.seconds;
	}
	const repay = await submitAll(await Promise.all(ids.map(async ({ id, payer }) => {
		const debt = (await api.query.credit.debts(id)).unwrap();
		const owed = debt.principal.toBigInt() + debt.fee.toBigInt() - debt.repaid.toBigInt();
		return [byPayer(payer).payer, api.tx.credit.repay(id, owed), 'credit'];
	})));
	creditSeconds += repay.seconds;
	const creditCount = ids.length * 4;

	const senders = [k('//Charlie'), k('//Eve'), k('//Bob')];
	const transfers = await submitAll(Array.from({ length: creditCount }, (_, i) =>
		[senders[i % senders.length], api.tx.balances.transferKeepAlive(k('//Ferdie').address, UNIT), 'transfer']));

	// Capacity from weight: what one extrinsic of each kind took of a block, on average.
	const slot = api.consts.aura?.slotDuration?.toNumber?.() ?? 2000;
	const share = (kind) => {
		let used = 0;
		let count = 0;
		for (const b of blocks.values()) {
			if (b[kind] > 0 && (kind === 'credit' ? b.transfer : b.credit) === 0) {
				used += b.share;
				count += b[kind];
			}
		}
		return used / count;
	};
	const lines = [];
	for (const kind of ['credit', 'transfer']) {
		const per = share(kind);
		lines.push(`${kind}: ${per.toFixed(3)}% of a block's normal weight per extrinsic on average -> about ${Math.floor(100 / per)} a block, ${Math.floor(100 / per / (slot / 1000))} a second at ${slot / 1000} s blocks`);
	}
	lines.push(`credit: ${ids.length} full cycles = ${creditCount} extrinsics in ${creditSeconds.toFixed(1)} s = ${(creditCount / creditSeconds).toFixed(1)} extrinsics/s (four phases, each waits for the previous one's blocks)`);
	lines.push(`transfers: ${creditCount} transfer_keep_alive in ${transfers.seconds.toFixed(1)} s = ${(creditCount / transfers.seconds).toFixed(1)} extrinsics/s`);
	lines.push('| block | credit extrinsics | transfers | normal-class weight used |');
	lines.push('|---|---|---|---|');
	for (const [n, b] of [...blocks].sort((a, b) => a[0] - b[0])) {
		lines.push(`| #${n} | ${b.credit} | ${b.transfer} | ${b.share}% of the block |`);
	}
	console.log(lines.join('\n'));
	if (process.env.LOAD_REPORT) {
		writeFileSync(process.env.LOAD_REPORT, `<!-- Written by \`LOAD_REPORT=${process.env.LOAD_REPORT} node scripts/load.mjs ${perPayer}\`; do not edit. -->
# Throughput on the live dev node

One run of \`scripts/load.mjs\` against a \`--dev\` node (debug build, 2 s blocks) on this
2-core machine: ${ids.length} full credit cycles (request, accept, acknowledge, repay; the phases
follow each other, as a real cycle must) and as many plain transfers. Each phase fits in one
block, so the rates below are bound by the block time, not by the runtime; the weight shares say
how many would fit in a block. Both kinds are weighed on one scale: the runtime's weights for
\`pallet_credit\` and \`pallet_balances\` come from the same \`scripts/bench.sh\` run (a release
node on this machine, \`docs/performance.md\`), so the capacity figures compare like with like.
The node that ran them is the debug build, slower than those weights assume; the weights, not
this node's speed, decide how many fit in a block.

${lines.join('\n')}
`);
	}
} finally {
	await api.disconnect();
	await node?.stop();
}
