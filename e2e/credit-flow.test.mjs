// A dapp frontend's view of the credit flow: @polkadot/api against the real dev node. Fresh
// accounts get certificates from the node's `issue-certificate` command (dev CA = //One), then
// run request -> accept -> acknowledge -> repay, and every refusal path, checking events and
// the error names decoded from the metadata. The dry run is read through `api.call`.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, send, issueCertificate, until, UNIT } from './lib/node.mjs';

let node;
let api;
let keyring;
let alice;
let serial = 1000;
const FAR_FUTURE = 4_102_444_800_000;

before(async () => {
	await cryptoWaitReady();
	keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
	alice = keyring.addFromUri('//Alice');
	node = await startNode({ args: ['--dev'], name: 'dev' });
	api = await connect(node);
});

after(async () => {
	await api?.disconnect().catch(() => {});
	await node?.stop();
});

/** A fresh account funded by Alice, optionally with a certificate registered. */
async function account(uri, { certify = true, validUntil = FAR_FUTURE } = {}) {
	const pair = keyring.addFromUri(uri);
	const funded = await send(api, api.tx.balances.transferKeepAlive(pair.address, 1_000n * UNIT), alice);
	assert.equal(funded.error, null);
	if (certify) {
		const genesisHash = api.genesisHash.toHex();
		serial += 1;
		const cert = issueCertificate({
			caSuri: '//One', ca: 0, subject: pair.address, identityDocument: `id of ${uri}`,
			name: uri.slice(2), serial, validUntil, genesisHash,
		});
		const registered = await send(api, api.tx.credit.registerCertificate(cert.payload, cert.signature), pair);
		assert.equal(registered.error, null, `registering ${uri}'s certificate`);
		assert.equal(registered.events.at(-1).method, 'CertificateRegistered');
	}
	return pair;
}

const sudo = (call) => send(api, api.tx.sudo.sudo(call), alice);
const event = (result, method) => result.events.find((e) => e.method === method)?.data;

async function requestCredit(payer, payee, amount) {
	const goods = { orderHash: `0x${'11'.repeat(32)}`, description: 'e2e order' };
	const r = await send(api, api.tx.credit.requestCreditPayment(payee.address, amount, goods), payer);
	assert.equal(r.error, null, 'request');
	return event(r, 'PaymentRequested').id;
}

/** What `who` has on hold as request deposits (`Credit.RequestDeposit`). */
async function requestDepositsHeld(who) {
	const holds = (await api.query.balances.holds(who)).toJSON();
	return holds
		.filter((hold) => JSON.stringify(hold.id) === JSON.stringify({ credit: 'RequestDeposit' }))
		.reduce((sum, hold) => sum + BigInt(hold.amount), 0n);
}

test('a frontend runs the whole credit flow with fresh accounts', async () => {
	const payer = await account('//E2EPayer');
	const payee = await account('//E2EShop');
	assert.equal((await send(api, api.tx.credit.setGrade(payer.address, 3, 500n * UNIT), payee)).error, null);
	assert.equal((await sudo(api.tx.credit.setBaseLimit(payer.address, 2_000n * UNIT))).error, null);

	const dry = (await api.call.creditApi.dryRun(payer.address, payee.address, 100n * UNIT)).toJSON();
	assert.deepEqual(dry.verdict, { pass: null });
	assert.equal(BigInt(dry.limits.payeeLimit), 500n * UNIT);
	assert.equal(BigInt(dry.limits.nodeLimit), 1_000n * UNIT, 'a payee without trade admits the allowance');

	const id = await requestCredit(payer, payee, 100n * UNIT);
	const before = (await api.query.system.account(payee.address)).data.free.toBigInt();
	const accepted = await send(api, api.tx.credit.acceptRequest(id), payee);
	assert.equal(accepted.error, null);
	const settled = event(accepted, 'PaymentSettled');
	assert.equal(BigInt(settled.amount), 100n * UNIT);
	const afterPay = (await api.query.system.account(payee.address)).data.free.toBigInt();
	assert.ok(afterPay - before > 99n * UNIT, 'the pool paid the payee (less the fee of the accept)');

	const deposit = api.consts.credit.requestDeposit.toBigInt();
	assert.equal(await requestDepositsHeld(payer.address), deposit, 'held until the receipt');

	const ack = await send(api, api.tx.credit.acknowledgeReceipt(id), payee);
	assert.equal(ack.error, null);
	assert.ok(event(ack, 'ReceiptAcknowledged'));
	assert.equal(await requestDepositsHeld(payer.address), 0n, 'the deposit came back');

	const debts = (await api.call.creditApi.debtsOf(payer.address)).toJSON();
	assert.equal(debts.length, 1);
	const owed = BigInt(debts[0][1].principal) + BigInt(debts[0][1].fee);
	const repaid = await send(api, api.tx.credit.repay(id, owed), payer);
	assert.equal(repaid.error, null);
	assert.ok(event(repaid, 'Repaid').onTime);
	assert.ok(event(repaid, 'DebtCleared'));
	// The base limit was raised minutes ago: the rate limiter (one raise a day) does not credit
	// this repayment to the limit, though the history counts it.
	assert.equal(event(repaid, 'NodeLimitChanged'), undefined);

	const record = (await api.call.creditApi.creditRecord(payer.address)).toJSON();
	assert.equal(record.history.onTimeCount, 1);
	assert.equal(record.history.creditedMillionths, 0);
	assert.equal(BigInt(record.ceiling), 2_000n * UNIT);
	// Acknowledged, the request's business is done: its entry is gone, its events are its record.
	assert.equal((await api.call.creditApi.request(id)).toJSON(), null);
});

test('two funders share the fee income, and one redeems its share of it', async () => {
	const poolValue = async () => api.call.creditApi.poolValue();
	const position = async (who) => api.call.creditApi.funder(who.address);
	const ann = await account('//E2EFunderAnn', { certify: false });
	const ben = await account('//E2EFunderBen', { certify: false });
	for (const [funder, amount] of [[ann, 600n * UNIT], [ben, 300n * UNIT]]) {
		const before = await poolValue();
		const funded = await send(api, api.tx.credit.fundPool(amount), funder);
		assert.equal(funded.error, null);
		const minted = BigInt(event(funded, 'PoolFunded').shares);
		// Shares are minted at the pool's value per share, rounded against the funder.
		assert.equal(minted, (amount * before.shares.toBigInt()) / before.value.toBigInt());
		assert.equal((await position(funder)).shares.toBigInt(), minted);
	}
	const annBefore = await position(ann);
	const benBefore = await position(ben);
	assert.ok(annBefore.value.toBigInt() <= 600n * UNIT, 'worth what was paid in, less rounding');
	assert.ok(annBefore.value.toBigInt() > 600n * UNIT - 10n, 'and by no more than rounding');
	const pool0 = await poolValue();

	// A payment on credit, repaid with its fee.
	const payer = await account('//E2EPoolPayer');
	const shop = await account('//E2EPoolShop');
	assert.equal((await send(api, api.tx.credit.setGrade(payer.address, 2, 500n * UNIT), shop)).error, null);
	assert.equal((await sudo(api.tx.credit.setBaseLimit(payer.address, 2_000n * UNIT))).error, null);
	const id = await requestCredit(payer, shop, 400n * UNIT);
	assert.ok(event(await send(api, api.tx.credit.acceptRequest(id), shop), 'PaymentSettled'));
	assert.equal((await send(api, api.tx.credit.acknowledgeReceipt(id), shop)).error, null);
	const debt = (await api.call.creditApi.debt(id)).unwrap();
	const fee = api.consts.credit.repaymentFee.toBigInt() * 400n * UNIT / 1_000_000_000n;
	assert.equal(debt.owed.toBigInt(), 400n * UNIT + fee, 'principal and the 1% fee');
	const repaid = await send(api, api.tx.credit.repay(id, debt.owed), payer);
	assert.equal(repaid.error, null);
	assert.ok(event(repaid, 'DebtCleared'));

	// The fee is the pool's income: its value rose by exactly that, over the same shares.
	const pool1 = await poolValue();
	assert.equal(pool1.shares.toBigInt(), pool0.shares.toBigInt());
	assert.equal(pool1.value.toBigInt() - pool0.value.toBigInt(), fee);
	assert.ok(
		pool1.value.toBigInt() * pool0.shares.toBigInt() > pool0.value.toBigInt() * pool1.shares.toBigInt(),
		'the value per share rose',
	);
	const annAfter = await position(ann);
	const benAfter = await position(ben);
	for (const [before, after] of [[annBefore, annAfter], [benBefore, benAfter]]) {
		const share = (after.shares.toBigInt() * pool1.value.toBigInt()) / pool1.shares.toBigInt();
		assert.equal(after.value.toBigInt(), share, 'each funder holds its shares of the value');
		assert.ok(after.value.toBigInt() > before.value.toBigInt(), 'and gained its share of the fee');
	}

	// Ann redeems all her shares: paid what they are worth now, more than she paid in; Ben's
	// shares and their worth are untouched.
	const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
	const annFree = await free(ann);
	const redeemed = await send(api, api.tx.credit.redeemShares(annAfter.shares), ann);
	assert.equal(redeemed.error, null);
	const paid = BigInt(event(redeemed, 'SharesRedeemed').amount);
	assert.equal(paid, annAfter.value.toBigInt());
	assert.ok(paid > 600n * UNIT, `redeemed ${paid}, more than the 600 units paid in`);
	assert.ok((await free(ann)) > annFree + paid - UNIT, 'paid to her, less the transaction fee');
	assert.equal((await position(ann)).shares.toBigInt(), 0n);
	const benLast = await position(ben);
	assert.equal(benLast.shares.toBigInt(), benAfter.shares.toBigInt());
	assert.ok(benLast.value.toBigInt() >= benAfter.value.toBigInt(), "redeeming takes nothing of Ben's");
	// Nobody redeems shares it does not hold.
	const stolen = await send(api, api.tx.credit.redeemShares(benLast.shares), ann);
	assert.equal(stolen.error, 'credit.NotEnoughShares');
});

test('a sybil ring at a fresh payee is stopped by the payee exposure cap', async () => {
	const shop = await account('//E2ERingShop');
	const ring = [];
	for (const i of [1, 2, 3, 4]) {
		const payer = await account(`//E2ERing${i}`);
		assert.equal((await sudo(api.tx.credit.setBaseLimit(payer.address, 10_000n * UNIT))).error, null);
		// The least grade that lets each owe its allowance: the shop holds a tenth of it.
		const graded = await send(api, api.tx.credit.setGrade(payer.address, 1, 1_010n * UNIT), shop);
		assert.equal(graded.error, null);
		assert.equal(BigInt(event(graded, 'GradeSet').backing), 101n * UNIT);
		ring.push(payer);
	}
	const allowance = api.consts.credit.payeeExposureAllowance.toBigInt();
	const cap = allowance + 4n * 101n * UNIT;
	const outcomes = [];
	for (const payer of ring) {
		const dry = (await api.call.creditApi.dryRun(payer.address, shop.address, 990n * UNIT)).toJSON();
		assert.equal(BigInt(dry.exposure.payeeCap), cap, 'allowance plus the backing, no trade yet');
		const id = await requestCredit(payer, shop, 990n * UNIT);
		const r = await send(api, api.tx.credit.acceptRequest(id), shop);
		assert.equal(r.error, null);
		const rejected = event(r, 'RequestRejected');
		outcomes.push(rejected ? Object.keys(rejected.reason)[0] : 'settled');
		if (rejected) {
			assert.equal(BigInt(rejected.reason.payeeExposureCapReached.cap), cap);
			assert.deepEqual(
				Object.keys(dry.verdict.rejected), ['payeeExposureCapReached'],
				'the dry run said so first',
			);
		}
	}
	assert.deepEqual(outcomes, ['settled', 'settled', 'payeeExposureCapReached', 'payeeExposureCapReached']);
	const exposure = (await api.query.credit.payeeExposure(shop.address)).toBigInt();
	assert.ok(exposure <= cap, `owed for credit paid to the shop: ${exposure}, at most its cap ${cap}`);
	// What is left under the cap is the backing's: a third payer draws into it, and that
	// backing cannot be taken back while those debts stand.
	const id = await requestCredit(ring[2], shop, 390n * UNIT);
	assert.ok(event(await send(api, api.tx.credit.acceptRequest(id), shop), 'PaymentSettled'));
	const removed = await send(api, api.tx.credit.removeGrade(ring[3].address), shop);
	assert.equal(removed.error, 'credit.GradeBackingLocked');
});

test('refusals: limits, certificates and the wrong payee, each named', async (t) => {
	const payer = await account('//E2EPayer2');
	const payee = await account('//E2EShop2');
	await send(api, api.tx.credit.setGrade(payer.address, 1, 500n * UNIT), payee);
	await sudo(api.tx.credit.setBaseLimit(payer.address, 5_000n * UNIT));

	await t.test('payee limit exceeded', async () => {
		const id = await requestCredit(payer, payee, 600n * UNIT);
		const r = await send(api, api.tx.credit.acceptRequest(id), payee);
		assert.equal(r.error, null, 'a refusal is an outcome, not an error');
		const rejected = event(r, 'RequestRejected');
		assert.equal(rejected.reason.limitExceeded.limit, 'Payee');
		assert.equal(rejected.creditIncreaseMayHelp, false);
	});

	await t.test('node limit exceeded, with the credit-increase prompt', async () => {
		// A grade the payee can back (a tenth of it held), above what the node limit admits.
		const graded = await send(api, api.tx.credit.setGrade(payer.address, 1, 2_000n * UNIT), payee);
		assert.equal(graded.error, null);
		const dry = (await api.call.creditApi.dryRun(payer.address, payee.address, 1_500n * UNIT)).toJSON();
		assert.equal(dry.verdict.rejected.limitExceeded.limit, 'Node');
		const id = await requestCredit(payer, payee, 1_500n * UNIT);
		const r = await send(api, api.tx.credit.acceptRequest(id), payee);
		const rejected = event(r, 'RequestRejected');
		assert.equal(rejected.reason.limitExceeded.limit, 'Node');
		assert.equal(rejected.creditIncreaseMayHelp, true);
		const ask = await send(api, api.tx.credit.requestCreditIncrease(2_000n * UNIT, `0x${'22'.repeat(32)}`, 'payslips'), payer);
		assert.equal(ask.error, null);
		assert.ok(event(ask, 'CreditIncreaseRequested'));
	});

	await t.test('a payer without a certificate', async () => {
		const stranger = await account('//E2EStranger', { certify: false });
		const goods = { orderHash: `0x${'11'.repeat(32)}`, description: 'x' };
		const r = await send(api, api.tx.credit.requestCreditPayment(payee.address, UNIT, goods), stranger);
		assert.equal(r.error, 'credit.PayerCertificateMissing');
	});

	await t.test('a payer whose certificate expired', async () => {
		const now = (await api.query.timestamp.now()).toNumber();
		const validUntil = now + 14_000;
		const shortLived = await account('//E2EShortLived', { validUntil });
		await until("the chain clock to pass the certificate", 40_000, async () =>
			(await api.query.timestamp.now()).toNumber() > validUntil);
		const goods = { orderHash: `0x${'11'.repeat(32)}`, description: 'x' };
		const r = await send(api, api.tx.credit.requestCreditPayment(payee.address, UNIT, goods), shortLived);
		assert.equal(r.error, 'credit.PayerCertificateExpired');
	});

	await t.test('someone other than the payee accepts', async () => {
		const id = await requestCredit(payer, payee, UNIT);
		const r = await send(api, api.tx.credit.acceptRequest(id), alice);
		assert.equal(r.error, 'credit.NotPayee');
		const request = (await api.call.creditApi.request(id)).toJSON();
		assert.deepEqual(request.status, { pending: null }, 'nothing changed');
	});
});
