//! The docs a reader relies on: every error the pallet has is named in the docs of the calls
//! that can return it.

use crate::{mock::Test, Error};
use scale_info::{TypeDef, TypeInfo};

#[test]
fn every_error_is_named_in_a_calls_docs() {
	let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
	let calls = std::fs::read_to_string(format!("{root}/src/calls.rs")).expect("calls.rs reads");
	let docs: String = calls
		.lines()
		.map(str::trim_start)
		.filter(|line| line.starts_with("///"))
		.collect::<Vec<_>>()
		.join(" ");
	let TypeDef::Variant(errors) = Error::<Test>::type_info().type_def else {
		panic!("Error is an enum");
	};
	let undocumented: Vec<_> = errors
		.variants
		.iter()
		.map(|variant| variant.name)
		.filter(|name| !docs.contains(&format!("[`Error::{name}`]")))
		.collect();
	assert!(errors.variants.len() > 40, "the error list was read");
	assert!(undocumented.is_empty(), "errors no call's docs name: {undocumented:?}");
}
