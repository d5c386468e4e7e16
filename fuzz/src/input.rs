//! The fuzzers' input format: a sequence of extrinsics, each
//! `[lapse: u8][sender: u8][call: SCALE-encoded RuntimeCall]`, read until the bytes run out or
//! stop decoding.
//!
//! - `lapse` zero keeps the extrinsic in the block being built; any other value ends that block
//!   and starts the next one that much later ([`lapse`]).
//! - `sender` picks the account ([`SENDER_INDEX`] bits, modulo the accounts), sends the call
//!   through sudo if [`VIA_SUDO`] is set, and has the fuzzer sign the call's certificate with the
//!   key of the CA it names if [`SIGNED_BY_ITS_CA`] is set.

use crate::{RuntimeCall, DAY, SLOT_DURATION};
use codec::{DecodeLimit, Encode};

/// The sender byte's bits that pick the account.
pub const SENDER_INDEX: u8 = 0x3f;
/// The sender byte's bit that sends the call through sudo.
pub const VIA_SUDO: u8 = 0x80;
/// The sender byte's bit that has the fuzzer sign the call's certificate with its CA's key.
pub const SIGNED_BY_ITS_CA: u8 = 0x40;
/// How deeply a call may nest calls as it decodes.
const DEPTH_LIMIT: u32 = 16;
/// The most extrinsics one input runs: a bound on the time one input takes.
pub const MAX_EXTRINSICS: usize = 96;

/// How many extrinsics a seed of the coverage-guided corpus holds: the first of a run of the
/// stateful fuzzer.
pub const SEED_EXTRINSICS: usize = 48;

/// One extrinsic of an input.
pub struct Extrinsic {
	pub lapse: u8,
	pub sender: u8,
	pub call: RuntimeCall,
}

/// The sender byte for the account at `index` (below [`SENDER_INDEX`]), through sudo or not.
pub fn sender(index: usize, via_sudo: bool) -> u8 {
	let index =
		u8::try_from(index).ok().filter(|i| *i <= SENDER_INDEX).expect("an index the byte holds");
	index | if via_sudo { VIA_SUDO } else { 0 }
}

impl Extrinsic {
	/// The index of the account that sends it, among `accounts` of them.
	pub fn sender_index(&self, accounts: usize) -> usize {
		usize::from(self.sender & SENDER_INDEX) % accounts
	}

	/// Whether it is sent through sudo.
	pub fn via_sudo(&self) -> bool {
		self.sender & VIA_SUDO != 0
	}

	/// Whether the fuzzer signs its certificate with the key of the CA it names.
	pub fn signed_by_its_ca(&self) -> bool {
		self.sender & SIGNED_BY_ITS_CA != 0
	}

	/// The extrinsic as an input holds it.
	pub fn encode_to(&self, out: &mut Vec<u8>) {
		out.push(self.lapse);
		out.push(self.sender);
		self.call.encode_to(out);
	}
}

/// The extrinsics `data` holds, at most [`MAX_EXTRINSICS`].
pub fn decode(mut data: &[u8]) -> Vec<Extrinsic> {
	let mut out = Vec::new();
	while data.len() > 2 && out.len() < MAX_EXTRINSICS {
		let (lapse, sender) = (data[0], data[1]);
		data = &data[2..];
		match RuntimeCall::decode_with_depth_limit(DEPTH_LIMIT, &mut data) {
			Ok(call) => out.push(Extrinsic { lapse, sender, call }),
			Err(_) => break,
		}
	}
	out
}

/// How far a lapse moves time before the next block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lapse {
	/// By this many milliseconds (at least a slot).
	By(u64),
	/// Onto the `nth` (modulo their number) of the moments ahead an open request, a debt or a
	/// certificate changes standing at, or one moment `past` it.
	OntoBoundary { nth: usize, past: bool },
}

/// A lapse byte's reading: 1 to 127 slots, 1 to 64 hours (128 to 191), 1 to 48 days (192 to
/// 239), or onto one of the next eight boundaries, exactly or one moment past (240 to 255).
/// Zero, which keeps an extrinsic in the block being built, reads as one slot.
pub fn lapse(byte: u8) -> Lapse {
	const HOUR: u64 = DAY / 24;
	match byte {
		0..=127 => Lapse::By(u64::from(byte.max(1)) * SLOT_DURATION),
		128..=191 => Lapse::By(u64::from(byte - 127) * HOUR),
		192..=239 => Lapse::By(u64::from(byte - 191) * DAY),
		240..=255 => {
			Lapse::OntoBoundary { nth: usize::from((byte - 240) / 2), past: (byte - 240) % 2 == 1 }
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::CreditCall;

	#[test]
	fn an_input_decodes_to_the_extrinsics_it_encodes_and_stops_at_bytes_that_do_not_decode() {
		let calls = [
			RuntimeCall::Credit(CreditCall::fund_pool { amount: 7 }),
			RuntimeCall::Credit(CreditCall::cancel_request { id: 3 }),
		];
		let mut data = Vec::new();
		for (i, call) in calls.iter().enumerate() {
			Extrinsic { lapse: i as u8, sender: 0x81, call: call.clone() }.encode_to(&mut data);
		}
		data.extend([5, 1, 0xff, 0xff]);
		let decoded = decode(&data);
		assert_eq!(decoded.len(), 2);
		assert_eq!(decoded[1].lapse, 1);
		assert_eq!(decoded[0].sender, 0x81);
		assert_eq!(sender(1, true), 0x81);
		assert!(decoded[0].via_sudo() && !decoded[0].signed_by_its_ca());
		assert_eq!(decoded[0].sender_index(10), 1);
		assert_eq!(decoded[1].call, calls[1]);
	}

	#[test]
	fn every_seed_of_the_corpus_decodes_whole() {
		// A change to the runtime's calls that the corpus was not written again for shows here.
		let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/blocks");
		let mut seeds = 0;
		for entry in std::fs::read_dir(dir).unwrap() {
			let path = entry.unwrap().path();
			let extrinsics = decode(&std::fs::read(&path).unwrap());
			assert_eq!(extrinsics.len(), SEED_EXTRINSICS, "{} decodes short", path.display());
			seeds += 1;
		}
		assert_eq!(seeds, 64);
	}

	#[test]
	fn lapses_cover_slots_hours_days_and_every_boundary() {
		assert_eq!(lapse(0), Lapse::By(SLOT_DURATION));
		assert_eq!(lapse(127), Lapse::By(127 * SLOT_DURATION));
		assert_eq!(lapse(128), Lapse::By(DAY / 24));
		assert_eq!(lapse(239), Lapse::By(48 * DAY));
		assert_eq!(lapse(240), Lapse::OntoBoundary { nth: 0, past: false });
		assert_eq!(lapse(255), Lapse::OntoBoundary { nth: 7, past: true });
	}
}
