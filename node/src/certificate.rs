//! `credit-node issue-certificate`: an operator issues a CA-signed certificate without writing
//! code. The output is JSON that polkadot.js submits as it is:
//! `api.tx.credit.registerCertificate(out.payload, out.signature)`.
//!
//! A CA key is any sr25519 secret URI; create one with `credit-node key generate`.

use codec::Encode;
use credit_runtime::{pallet_credit, AccountId, Runtime};
use pallet_credit::certificates::{signed_message, CertificatePayload};
use sp_core::{crypto::Ss58Codec, sr25519, Pair, H256};
use sp_runtime::traits::{BlakeTwo256, Hash};

/// Issue a certificate signed by a CA key.
#[derive(Debug, Clone, clap::Parser)]
pub struct IssueCertificateCmd {
	/// The CA's secret URI (seed phrase, hex seed or `//Dev` path), sr25519.
	#[arg(long)]
	pub ca_suri: String,
	/// The CA's id on chain (the order it was added in; the dev CA is 0).
	#[arg(long, default_value_t = 0)]
	pub ca: u32,
	/// The subject's account, SS58 or 0x-hex.
	#[arg(long)]
	pub subject: String,
	/// The identity document the CA checked; its BLAKE2-256 hash goes into the certificate.
	#[arg(long)]
	pub identity_document: String,
	/// The display name.
	#[arg(long)]
	pub name: String,
	/// The subject's home chain id.
	#[arg(long, default_value_t = credit_runtime::LOCAL_CHAIN_ID)]
	pub home_chain: u32,
	/// The CA's serial number for this certificate.
	#[arg(long)]
	pub serial: u64,
	/// Valid from (ms since the Unix epoch).
	#[arg(long, default_value_t = 0)]
	pub valid_from: u64,
	/// Valid until (ms since the Unix epoch).
	#[arg(long)]
	pub valid_until: u64,
	/// The genesis hash of the chain it is for (0x-hex, `chain_getBlockHash(0)`).
	#[arg(long)]
	pub genesis_hash: String,
}

fn parse_account(text: &str) -> Result<AccountId, String> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes: [u8; 32] = hex::decode(hex)
			.map_err(|e| format!("subject: {e}"))?
			.try_into()
			.map_err(|_| "subject: 32 bytes expected".to_string())?;
		return Ok(AccountId::from(bytes));
	}
	AccountId::from_ss58check(text).map_err(|e| format!("subject: {e:?}"))
}

impl IssueCertificateCmd {
	/// The certificate as JSON: payload (object and SCALE hex) and the CA's signature.
	pub fn issue(&self) -> Result<serde_json::Value, String> {
		let ca = sr25519::Pair::from_string(&self.ca_suri, None)
			.map_err(|e| format!("ca-suri: {e:?}"))?;
		let subject = parse_account(&self.subject)?;
		let genesis = hex::decode(self.genesis_hash.trim_start_matches("0x"))
			.map_err(|e| format!("genesis-hash: {e}"))?;
		if genesis.len() != 32 {
			return Err("genesis-hash: 32 bytes expected".into());
		}
		let identity_hash: H256 = BlakeTwo256::hash(self.identity_document.as_bytes());
		let payload: pallet_credit::PayloadOf<Runtime> = CertificatePayload {
			ca: self.ca,
			subject: subject.clone(),
			identity_hash,
			display_name: self
				.name
				.as_bytes()
				.to_vec()
				.try_into()
				.map_err(|_| "name: too long for MaxNameLen".to_string())?,
			home_chain: self.home_chain,
			serial: self.serial,
			valid_from: self.valid_from,
			valid_until: self.valid_until,
		};
		let signature = ca.sign(&signed_message(&genesis, &payload));
		Ok(serde_json::json!({
			"payload": {
				"ca": self.ca,
				"subject": subject.to_ss58check(),
				"identityHash": format!("{identity_hash:?}"),
				"displayName": self.name,
				"homeChain": self.home_chain,
				"serial": self.serial,
				"validFrom": self.valid_from,
				"validUntil": self.valid_until,
			},
			"payloadHex": format!("0x{}", hex::encode(payload.encode())),
			"signature": { "Sr25519": format!("0x{}", hex::encode(signature.0)) },
			"caPublic": format!("0x{}", hex::encode(ca.public().0)),
		}))
	}

	/// Prints the certificate as JSON.
	pub fn run(&self) -> sc_cli::Result<()> {
		let out = self.issue().map_err(sc_cli::Error::Input)?;
		println!("{}", serde_json::to_string_pretty(&out).expect("JSON values serialize"));
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Decode;
	use credit_runtime::{Credit, RuntimeGenesisConfig, RuntimeOrigin};
	use frame_support::genesis_builder_helper::build_state;
	use sp_keyring::Sr25519Keyring;

	#[test]
	fn the_commands_output_registers_on_the_development_chain() {
		let config = credit_runtime::genesis_config_presets::full_preset(
			sp_genesis_builder::DEV_RUNTIME_PRESET,
		)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new_empty();
		ext.execute_with(|| {
			build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap();
			frame_system::Pallet::<Runtime>::set_block_number(1);
			pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000u64);
			let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
			let dave = Sr25519Keyring::Dave.to_account_id();
			let cmd = IssueCertificateCmd {
				ca_suri: "//One".into(),
				ca: 0,
				subject: dave.to_ss58check(),
				identity_document: "passport 123".into(),
				name: "Dave's Deli".into(),
				home_chain: credit_runtime::LOCAL_CHAIN_ID,
				serial: 77,
				valid_from: 0,
				valid_until: 4_000_000_000_000,
				genesis_hash: format!("{genesis:?}"),
			};
			let out = cmd.issue().unwrap();
			let payload_hex = out["payloadHex"].as_str().unwrap().trim_start_matches("0x");
			let payload = pallet_credit::PayloadOf::<Runtime>::decode(
				&mut &hex::decode(payload_hex).unwrap()[..],
			)
			.unwrap();
			let sig_hex = out["signature"]["Sr25519"].as_str().unwrap().trim_start_matches("0x");
			let sig: [u8; 64] = hex::decode(sig_hex).unwrap().try_into().unwrap();
			frame_support::assert_ok!(Credit::register_certificate(
				RuntimeOrigin::signed(dave.clone()),
				payload,
				sp_runtime::MultiSignature::Sr25519(sr25519::Signature::from_raw(sig)),
			));
			assert_eq!(
				pallet_credit::Parties::<Runtime>::get(&dave).certificate.unwrap().payload.serial,
				77
			);
		});
	}
}
