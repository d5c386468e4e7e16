// An operator's own network: `deploy/deploy.mjs` builds four validators from a config with fresh
// keys, a fresh CA and a fresh governance account, starts them on loopback and confirms each
// node from its log and `system_health`. A credit payment between two fresh certified accounts
// is finalized and visible on all four, and in the node's credit metrics. One validator stops:
// finality goes on. Another is SIGKILLed: finality waits; restarted from its generated command
// line on its database, it catches up and nothing is lost. Deployments with a port taken, a key
// missing or a node that exits fail naming the node and the reason, and leave none of their
// nodes running; a bad config is refused naming the field. Every process is stopped at the end,
// whatever happens.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { generate, start, startOne, confirmReady } from '../deploy/deploy.mjs';
import { connect, send, issueCertificate, freePort, until, UNIT } from './lib/node.mjs';

const NAMES = ['amsterdam', 'berlin', 'lisbon', 'vienna'];
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const dir = mkdtempSync(join(tmpdir(), 'credit-deploy-'));
let keyring;
let people;
let plan;
let running = [];
let apis = [];

async function config(names) {
	const validators = [];
	for (const name of names) {
		validators.push({ name, host: '127.0.0.1', p2pPort: await freePort(), rpcPort: await freePort(), prometheusPort: await freePort() });
	}
	return {
		name: 'e2e credit network',
		id: 'e2e_credit',
		token: { symbol: 'ECR', decimals: 12, ss58Format: 42 },
		validators,
		ca: { name: 'e2e CA', publicKey: people.ca.publicKeyHex },
		governance: people.governance.address,
		pool: { funding: String(1_000_000n * UNIT) },
		endowments: ['governance', 'payer', 'payee'].map((who) => [people[who].address, String(10_000n * UNIT)]),
	};
}

before(async () => {
	await cryptoWaitReady();
	keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
	const fresh = () => {
		const phrase = mnemonicGenerate();
		const pair = keyring.addFromUri(phrase);
		return Object.assign(pair, { phrase, publicKeyHex: `0x${Buffer.from(pair.publicKey).toString('hex')}` });
	};
	people = { ca: fresh(), governance: fresh(), payer: fresh(), payee: fresh() };
	plan = await generate(await config(NAMES), join(dir, 'net'));
	const deployed = await start(plan);
	running = deployed.running;
	console.log(deployed.report);
	apis = await Promise.all(running.map(connect));
});

after(async () => {
	await Promise.all(apis.map((api) => api?.disconnect().catch(() => {})));
	await Promise.all(running.map((n) => n.stop('SIGKILL')));
	rmSync(dir, { recursive: true, force: true });
});

const finalizedNumber = async (api) =>
	(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
const bestNumber = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();

test('the network runs on the config: fresh validator keys, its governance, its CA and token', async () => {
	const [api] = apis;
	const aura = (await api.query.aura.authorities()).map((k) => keyring.encodeAddress(k.toU8a(), 42));
	assert.deepEqual(aura, plan.nodes.map((n) => n.aura));
	assert.ok(!aura.includes(ALICE), 'no dev key validates');
	const grandpa = (await api.query.grandpa.authorities()).map(([k]) => keyring.encodeAddress(k.toU8a(), 42));
	assert.deepEqual(grandpa, plan.nodes.map((n) => n.grandpa));
	assert.equal((await api.query.sudo.key()).toString(), people.governance.address);
	const ca = (await api.query.credit.certificateAuthorities(0)).toJSON();
	assert.deepEqual(ca.key, { sr25519: people.ca.publicKeyHex });
	assert.equal(api.registry.chainTokens[0], 'ECR');
	assert.equal((await api.rpc.system.chain()).toString(), 'e2e credit network');
	for (const n of plan.nodes) {
		const keystore = join(n.basePath, 'chains', 'e2e_credit', 'keystore');
		const files = readdirSync(keystore);
		assert.equal(files.length, 2, `${n.name} holds its aura and grandpa keys`);
		for (const f of files) assert.equal(statSync(join(keystore, f)).mode & 0o077, 0, 'keys are private to their owner');
		assert.ok(existsSync(join(n.basePath, `credit-node-${n.name}.service`)));
		assert.match(readFileSync(join(n.basePath, 'command.sh'), 'utf8'), /--chain \S+chain-spec\.json --base-path/);
	}
});

test('the deployment confirms every node from its log and system_health', async () => {
	const report = await confirmReady(running);
	for (const name of NAMES) {
		assert.match(report, new RegExp(`^${name}: started \\(".*CREDIT-NODE READY name=${name} role=Authority`, 'm'));
		assert.match(report, new RegExp(`^${name}: .*peers=3.*importing \\(".*"\\); finalizing \\(".*\\(3 peers\\).*finalized #`, 'm'));
	}
});

let settledId;

test('a credit payment is finalized on all four and shows in the credit metrics', async () => {
	const [api] = apis;
	const genesisHash = api.genesisHash.toHex();
	for (const [serial, who] of [[1, 'payer'], [2, 'payee']]) {
		const cert = issueCertificate({
			caSuri: people.ca.phrase, ca: 0, subject: people[who].address, identityDocument: `passport of ${who}`,
			name: who, serial, validUntil: 4_102_444_800_000, genesisHash,
		});
		const registered = await send(api, api.tx.credit.registerCertificate(cert.payload, cert.signature), people[who]);
		assert.equal(registered.error, null, `${who} registers the CA's certificate`);
	}
	const governed = await send(api, api.tx.sudo.sudo(api.tx.credit.setBaseLimit(people.payer.address, 2_000n * UNIT)), people.governance);
	assert.equal(governed.error, null, 'the governance account sets a base limit');
	assert.equal((await send(api, api.tx.credit.setGrade(people.payer.address, 2, 500n * UNIT), people.payee)).error, null);
	const goods = { orderHash: `0x${'44'.repeat(32)}`, description: 'deployed-network order' };
	const asked = await send(api, api.tx.credit.requestCreditPayment(people.payee.address, 100n * UNIT, goods), people.payer);
	assert.equal(asked.error, null);
	settledId = asked.events.find((e) => e.method === 'PaymentRequested').data.id;
	const accepted = await send(api, api.tx.credit.acceptRequest(settledId), people.payee);
	assert.equal(accepted.error, null);
	assert.ok(accepted.events.some((e) => e.method === 'PaymentSettled'));

	for (const [i, other] of apis.entries()) {
		await until(`the settlement to be final on ${running[i].name}`, 60_000, async () => {
			const at = await other.at(await other.rpc.chain.getFinalizedHead());
			const request = (await at.query.credit.requests(settledId)).toJSON();
			return request && 'settled' in request.status;
		});
	}

	const owed = (await api.query.credit.debts(settledId)).toJSON();
	const expected = BigInt(owed.principal) + BigInt(owed.fee);
	const gauge = (text, name) => Number(text.split('\n').find((l) => l.startsWith(`${name}{`))?.split(' ').at(-1));
	const metrics = await until('the debt in the credit metrics', 30_000, async () => {
		const text = await (await fetch(`http://127.0.0.1:${running[1].prometheusPort}/metrics`)).text();
		return gauge(text, 'credit_open_debts') === 1 ? text : undefined;
	});
	assert.equal(gauge(metrics, 'credit_outstanding'), Number(expected));
	assert.equal(gauge(metrics, 'credit_pool_balance'), Number(1_000_000n * UNIT - 100n * UNIT));
	assert.equal(gauge(metrics, 'credit_open_requests'), 0);
	assert.equal(gauge(metrics, 'credit_pool_paid_out'), Number(100n * UNIT));
});

test('with one of four validators stopped, blocks and finality go on', async () => {
	await apis[3].disconnect();
	await running[3].stop();
	const finalAtStop = await finalizedNumber(apis[0]);
	await until('finality to advance three blocks without vienna', 90_000, async () =>
		(await finalizedNumber(apis[0])) >= finalAtStop + 3 && (await finalizedNumber(apis[1])) >= finalAtStop + 3);
});

test('a second validator SIGKILLed: finality waits; restarted, it catches up and nothing is lost', async () => {
	await apis[2].disconnect();
	await running[2].stop('SIGKILL');
	const bestAtKill = await bestNumber(apis[0]);
	await until('two validators to produce three more blocks', 60_000, async () =>
		(await bestNumber(apis[0])) >= bestAtKill + 3);
	const stalled = await finalizedNumber(apis[0]);
	assert.ok(stalled <= bestAtKill + 1, 'two votes of four are not more than two thirds: finality waits');

	running[2] = startOne(plan.nodes[2]);
	console.log(await confirmReady([running[0], running[1], running[2]]));
	await until('finality to pass the blocks made while lisbon was down', 90_000, async () =>
		(await finalizedNumber(apis[0])) > bestAtKill + 3);
	apis[2] = await connect(running[2]);
	await until('lisbon to finalize past the stall', 60_000, async () => (await finalizedNumber(apis[2])) > stalled);
	const request = (await apis[2].query.credit.requests(settledId)).toJSON();
	assert.ok('settled' in request.status, 'the settled payment survived the kill');
	assert.ok((await apis[2].query.credit.debts(settledId)).isSome, 'and so did its debt');
});

test('a deployment with a port taken names the node and the port, and stops what it started', async () => {
	const failing = await generate(await config(['ghent', 'hamburg', 'izmir']), join(dir, 'failing'));
	const taken = failing.nodes[2].rpcPort;
	const blocker = net.createServer();
	await new Promise((r) => blocker.listen(taken, '127.0.0.1', r));
	try {
		const error = await start(failing).then(() => undefined, (e) => e);
		assert.ok(error, 'the deployment fails');
		assert.equal(error.node, 'izmir');
		assert.match(error.message, new RegExp(`^izmir: a port is taken: its rpc port ${taken} on 127.0.0.1`));
		assert.equal(error.started.length, 2, 'ghent and hamburg had started');
		for (const pid of error.started) {
			assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `process ${pid} was stopped`);
		}
	} finally {
		blocker.close();
	}
});

test('a deployment with a validator key missing names the node and the key, and stops what it started', async () => {
	const failing = await generate(await config(['jena', 'kyiv']), join(dir, 'keyless'));
	const kyiv = failing.nodes[1];
	const keystore = join(kyiv.basePath, 'chains', 'e2e_credit', 'keystore');
	const gran = readdirSync(keystore).find((f) => f.startsWith(Buffer.from('gran').toString('hex')));
	rmSync(join(keystore, gran));
	const error = await start(failing).then(() => undefined, (e) => e);
	assert.ok(error, 'the deployment fails');
	assert.equal(error.message, `kyiv: key missing: no gran key ${kyiv.grandpa} in ${keystore}`);
	assert.equal(error.started.length, 1, 'jena had started');
	assert.throws(() => process.kill(error.started[0], 0), { code: 'ESRCH' }, 'jena was stopped');
});

test('a node that exits is reported with its last error line', async () => {
	const failing = await generate(await config(['minsk']), join(dir, 'exiting'));
	// A file where the node's database folder goes: it cannot open its database.
	writeFileSync(join(failing.nodes[0].basePath, 'chains', 'e2e_credit', 'paritydb'), 'not a database');
	const error = await start(failing).then(() => undefined, (e) => e);
	assert.ok(error, 'the deployment fails');
	assert.match(error.message, /^minsk: the node exited \(code 1\) before it was ready: "Error: .*Not a directory.*"$/);
	assert.equal(error.started.length, 1);
	assert.throws(() => process.kill(error.started[0], 0), { code: 'ESRCH' });
});

test('a bad config is refused naming the field, before anything is written', async () => {
	const good = await config(['lyon']);
	const refused = async (change, message) => {
		const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
		await assert.rejects(generate({ ...good, ...change }, out), { message });
		assert.ok(!existsSync(out), 'nothing written');
	};
	await refused({ governance: '5NotAnAddress' }, 'config: governance is not an SS58 address: 5NotAnAddress');
	await refused({ ca: { name: 'x', publicKey: '0x12' } }, 'config: ca.publicKey must be a 32-byte sr25519 public key in hex');
	await refused({ validators: [good.validators[0], good.validators[0]] }, 'config: validators[1].name repeats "lyon"');
	await refused({ pool: { funding: '-1' } }, 'config: pool.funding must be a whole number of base units');
});
