#!/usr/bin/env node
// Starts a local network of validators on loopback (`--chain local`: alice, bob, charlie and
// dave by default), and reports it ready only when every node's log shows that it started
// (`CREDIT-NODE READY`), found its peers and imported blocks, and its `system_health` agrees.
// Run it directly to keep the network up until Ctrl-C:
//   node scripts/local-net.mjs [alice bob charlie dave]
// or import `startLocalNet` (the e2e suite does).
import { startNode, rpc, until } from '../e2e/lib/node.mjs';
import { pathToFileURL } from 'node:url';

const lastLine = (log, pattern) => log.split('\n').filter((l) => pattern.test(l)).at(-1)?.trim();
const strip = (line) => line?.replace(/\x1b\[[0-9;]*m/g, '').replace(/^\S+ \S+\s+/, '');

/** Starts `names` as validators of `--chain local`; resolves with the nodes and the report. */
export async function startLocalNet(names = ['alice', 'bob', 'charlie', 'dave'], { basePaths = {} } = {}) {
	const nodes = [];
	try {
		let bootnode;
		for (const [i, name] of names.entries()) {
			// A fixed network key per node: validators need one, and it keeps peer ids stable.
			const nodeKey = (i + 1).toString(16).padStart(64, '0');
			const args = ['--chain', 'local', `--${name}`, '--name', name, '--node-key', nodeKey];
			if (bootnode) args.push('--bootnodes', bootnode);
			const node = await startNode({ args, name, basePath: basePaths[name] });
			nodes.push(node);
			if (!bootnode) {
				const id = await until(`${name}'s peer id`, 30_000, async () =>
					node.log().match(/Local node identity is: (\w+)/)?.[1]);
				bootnode = `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${id}`;
			}
		}
		const report = await checkReady(nodes);
		return { nodes, report, bootnode };
	} catch (e) {
		await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
		throw e;
	}
}

/**
 * Confirms from each node's log and `system_health` that it started, is connected to all the
 * others, and imported a block; returns one report line per node naming what confirmed it.
 */
export async function checkReady(nodes, timeoutMs = 120_000) {
	const others = nodes.length - 1;
	const lines = [];
	for (const node of nodes) {
		const health = await until(`${node.name} to see ${others} peers`, timeoutMs, async () => {
			const h = await rpc(node.rpcPort, 'system_health');
			return h.peers >= others && !h.isSyncing ? h : undefined;
		});
		const imported = await until(`${node.name} to import a block`, timeoutMs, async () =>
			lastLine(node.log(), /(Imported #|Prepared block for proposing at) [1-9]/));
		lines.push(
			`${node.name}: started ("${strip(node.ready)}"); ` +
			`connected (system_health peers=${health.peers}, isSyncing=false); ` +
			`importing ("${strip(imported)}")`,
		);
	}
	lines.push(`network ready: ${nodes.map((n) => `${n.name} ws://127.0.0.1:${n.rpcPort}`).join(', ')}`);
	return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const names = process.argv.slice(2);
	const { nodes, report } = await startLocalNet(names.length ? names : undefined);
	console.log(report);
	const stop = async () => {
		await Promise.all(nodes.map((n) => n.stop()));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
