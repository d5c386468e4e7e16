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

/// Puts `content` between the `<!-- {marker}:start -->` and `<!-- {marker}:end -->` lines of
/// the repository file `path` when `UPDATE_DOCS=1`; otherwise fails if what is there differs,
/// so the docs can only say what the code does.
pub fn write_between_markers(path: &str, marker: &str, content: &str) {
	// The manifest folder as cargo gives it at run time: the build cache is shared between
	// checkouts, so a binary built in another one would carry that checkout's path.
	let dir = std::env::var("CARGO_MANIFEST_DIR")
		.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	let path = format!("{dir}/../../{path}");
	let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} reads"));
	let (start, end) = (format!("<!-- {marker}:start -->\n"), format!("<!-- {marker}:end -->"));
	let from = text.find(&start).map(|at| at + start.len()).expect("the start marker is there");
	let to = text.find(&end).expect("the end marker is there");
	if std::env::var_os("UPDATE_DOCS").is_some() {
		let updated = format!("{}{content}{}", &text[..from], &text[to..]);
		std::fs::write(&path, updated).unwrap_or_else(|_| panic!("{path} is writable"));
	} else {
		assert_eq!(&text[from..to], content, "{path} is stale: run with UPDATE_DOCS=1");
	}
}
