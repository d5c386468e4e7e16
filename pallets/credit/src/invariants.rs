//! The pallet's invariants, listed by name in the crate docs, checked by `try_state` and after
//! every unit test; a failure's message starts with the invariant's name. Each check walks whole
//! maps, so it is compiled for try-runtime and tests only, never for a block.

use crate::{pallet::*, types::*, BalanceOf, Pallet};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Zero},
	TryRuntimeError,
};

type Sums<K, B> = BTreeMap<K, B>;

fn add_to<K: Ord, B: CheckedAdd + Zero + Copy>(
	sums: &mut Sums<K, B>,
	key: K,
	amount: B,
) -> Result<(), TryRuntimeError> {
	let entry = sums.entry(key).or_insert_with(Zero::zero);
	*entry = entry.checked_add(&amount).ok_or("a sum of balances overflows")?;
	Ok(())
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant listed in the crate docs; the error names the one that failed.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		// First: the other checks iterate the map, and its iterator skips what does not decode.
		Self::check_parties_decode()?;
		let repaid = Self::repaid_total()?;
		Self::check_pool(repaid)?;
		Self::check_debts(repaid)?;
		Self::check_requests()?;
		Self::check_certificates()?;
		Self::check_increases()?;
		Self::check_records()?;
		Self::check_exposure()?;
		Self::check_grades()?;
		Ok(())
	}

	/// *parties-decode*: every party entry decodes under this runtime's layout.
	fn check_parties_decode() -> Result<(), TryRuntimeError> {
		for who in Parties::<T>::iter_keys() {
			ensure!(
				Self::party(&who).is_ok(),
				"parties-decode: a party entry does not decode: a migration is missing"
			);
		}
		Ok(())
	}

	/// What the pallet's own records say it holds from each account, by reason: the deposits
	/// of its open requests, its certificate and its open credit-increase request. The
	/// *holds-recorded* invariant compares this, over every account the currency holds
	/// anything from, with the currency's holds (a runtime or a test that can list them does).
	pub fn recorded_holds(
	) -> Result<BTreeMap<T::AccountId, RecordedHolds<BalanceOf<T>>>, TryRuntimeError> {
		let mut holds: BTreeMap<T::AccountId, RecordedHolds<BalanceOf<T>>> = BTreeMap::new();
		for request in Requests::<T>::iter_values() {
			if request.status.is_open() {
				let entry = holds.entry(request.payer).or_default();
				entry.request = entry
					.request
					.checked_add(&request.deposit)
					.ok_or("a sum of deposits overflows")?;
			}
		}
		for (who, state) in Parties::<T>::iter() {
			let certificate = state.certificate.map(|c| c.deposit).unwrap_or_default();
			let increase = state.increase_request.map(|r| r.deposit).unwrap_or_default();
			if !certificate.is_zero() || !increase.is_zero() {
				let entry = holds.entry(who).or_default();
				entry.certificate = certificate;
				entry.increase = increase;
			}
		}
		for (payee, _, grade) in Grades::<T>::iter() {
			let entry = holds.entry(payee).or_default();
			entry.backing =
				entry.backing.checked_add(&grade.backing).ok_or("a sum of backing overflows")?;
			entry.grade_deposit = entry
				.grade_deposit
				.checked_add(&grade.deposit)
				.ok_or("a sum of deposits overflows")?;
		}
		// Backing write-offs drew beyond a defaulted grade's own is recorded but no longer held.
		for (payee, drawn) in BackingDrawn::<T>::iter() {
			let entry = holds.entry(payee).or_default();
			entry.backing = entry
				.backing
				.checked_sub(&drawn)
				.ok_or("grade-backing: more backing drawn than a payee's grades record")?;
		}
		Ok(holds)
	}

	/// *holds-recorded*: `actual` lists every hold of this pallet's reasons that the currency
	/// has, from every account; it must equal what the pallet's records say, so a hold on an
	/// account the pallet has no record of is found too. The pallet cannot list a generic
	/// currency's holds itself: the runtime's checks and the unit tests pass them in.
	pub fn check_holds_recorded(
		actual: impl IntoIterator<Item = (T::AccountId, HoldReason, BalanceOf<T>)>,
	) -> Result<(), TryRuntimeError> {
		let mut held: BTreeMap<T::AccountId, RecordedHolds<BalanceOf<T>>> = BTreeMap::new();
		for (who, reason, amount) in actual {
			let entry = held.entry(who).or_default();
			let figure = match reason {
				HoldReason::RequestDeposit => &mut entry.request,
				HoldReason::CertificateDeposit => &mut entry.certificate,
				HoldReason::IncreaseDeposit => &mut entry.increase,
				HoldReason::GradeBacking => &mut entry.backing,
				HoldReason::GradeDeposit => &mut entry.grade_deposit,
			};
			*figure = figure.checked_add(&amount).ok_or("a sum of holds overflows")?;
		}
		held.retain(|_, holds| *holds != RecordedHolds::default());
		let mut recorded = Self::recorded_holds()?;
		recorded.retain(|_, holds| *holds != RecordedHolds::default());
		ensure!(
			held == recorded,
			"holds-recorded: the currency holds other than the pallet records"
		);
		Ok(())
	}

	/// *volume-rings* and *ca-ids*: the records no other check walks.
	fn check_records() -> Result<(), TryRuntimeError> {
		let buckets = u64::from(T::VolumeBuckets::get().max(1));
		for ring in PayeeVolume::<T>::iter_values() {
			for (slot, bucket) in ring.iter().enumerate() {
				// Slots below one in use are filled with empty buckets of number 0.
				if bucket.amount.is_zero() {
					continue;
				}
				ensure!(
					bucket.number.checked_rem(buckets) == u64::try_from(slot).ok(),
					"volume-rings: a bucket sits in another bucket's slot"
				);
			}
		}
		let next_ca = NextCaId::<T>::get();
		ensure!(
			CertificateAuthorities::<T>::iter_keys().all(|ca| ca < next_ca),
			"ca-ids: a CA id is not below NextCaId"
		);
		Ok(())
	}

	/// *increase-deposits* and *defaults-counted*.
	fn check_increases() -> Result<(), TryRuntimeError> {
		let reason = HoldReason::IncreaseDeposit.into();
		for (payer, state) in Parties::<T>::iter() {
			let deposit = state.increase_request.map(|request| request.deposit);
			ensure!(
				T::Currency::balance_on_hold(&reason, &payer) == deposit.unwrap_or_default(),
				"increase-deposits: a credit-increase request's deposit is not held"
			);
		}
		let mut defaulted: Sums<T::AccountId, u32> = BTreeMap::new();
		for debt in Debts::<T>::iter_values().filter(|d| d.standing == DebtStanding::Defaulted) {
			let count = defaulted.entry(debt.payer).or_insert(0);
			*count = count.saturating_add(1);
		}
		for (payer, count) in defaulted {
			ensure!(
				Parties::<T>::get(&payer).profile.history.defaults >= count,
				"defaults-counted: a defaulted debt is not counted in its payer's defaults"
			);
		}
		Ok(())
	}

	/// *certificates*: each stored certificate's deposit is held from its subject, the holder
	/// index names exactly the stored certificates, a certificate is marked revoked exactly when
	/// its serial is, and the trusted set lists exactly the stored CAs, sorted. *identities*:
	/// each stored certificate's identity is recorded as its subject's, no other identity is
	/// recorded as held, and one nobody holds is kept only with a default.
	fn check_certificates() -> Result<(), TryRuntimeError> {
		let deposit_reason = HoldReason::CertificateDeposit.into();
		let mut stored_certificates = 0usize;
		let mut stored: alloc::vec::Vec<_> = CertificateAuthorities::<T>::iter_keys().collect();
		stored.sort_unstable();
		ensure!(
			TrustedCas::<T>::get().into_inner() == stored,
			"certificates: the trusted CA set differs from the stored CAs"
		);
		for (who, certificate) in
			Parties::<T>::iter().filter_map(|(who, state)| Some((who, state.certificate?)))
		{
			ensure!(
				certificate.payload.subject == who,
				"certificates: a certificate is stored for another account"
			);
			ensure!(
				T::Currency::balance_on_hold(&deposit_reason, &who) == certificate.deposit,
				"certificates: a certificate's deposit is not held"
			);
			let (ca, serial) = (certificate.payload.ca, certificate.payload.serial);
			ensure!(
				CertificateHolders::<T>::get(ca, serial).as_ref() == Some(&who),
				"certificates: a certificate is missing from the holder index"
			);
			// A removed CA's revoked serials may be reaped while certificates it issued are
			// still registered: those keep their mark (and, untrusted, identify no one).
			let serial_revoked = RevokedSerials::<T>::contains_key(ca, serial);
			let reaped = certificate.revoked && !CertificateAuthorities::<T>::contains_key(ca);
			ensure!(
				certificate.revoked == serial_revoked || reaped,
				"certificates: a certificate's revoked mark differs from its serial's"
			);
			let identity = Identities::<T>::get(certificate.payload.identity_hash);
			ensure!(
				identity.is_some_and(
					|record| record.holder.as_ref() == Some(&who) && record.defaults == 0
				),
				"identities: a certificate's identity is not recorded as its subject's"
			);
			stored_certificates = stored_certificates.saturating_add(1);
		}
		ensure!(
			CertificateHolders::<T>::iter().count() == stored_certificates,
			"certificates: the holder index names a certificate that is not stored"
		);
		let mut held_identities = 0usize;
		for record in Identities::<T>::iter_values() {
			match record.holder {
				Some(_) => held_identities = held_identities.saturating_add(1),
				None => ensure!(
					record.defaults > 0,
					"identities: an identity nobody holds is kept without a default"
				),
			}
		}
		// Each certificate's identity names its subject, so equal counts leave no holder that
		// holds no certificate of the identity.
		ensure!(
			held_identities == stored_certificates,
			"identities: an identity is recorded for an account without its certificate"
		);
		Ok(())
	}

	/// *history-counters*, and everything ever repaid: the sum of every payer's repayment
	/// history, which the ledger's `repaid` must equal (*pool-covered* and *debts-conserved*
	/// read it).
	fn repaid_total() -> Result<BalanceOf<T>, TryRuntimeError> {
		let mut total = BalanceOf::<T>::zero();
		for state in Parties::<T>::iter_values() {
			let history = state.profile.history;
			ensure!(
				u64::from(history.credited_millionths)
					<= u64::from(history.on_time_count).saturating_mul(u64::from(FULL_CREDIT)),
				"history-counters: more credited than on-time repayments can earn"
			);
			ensure!(
				history.late_debts <= history.late_count,
				"history-counters: more late debts than late repayments"
			);
			let repaid = history.on_time_amount.checked_add(&history.late_amount);
			total =
				total.checked_add(&repaid.ok_or("repaid overflows")?).ok_or("repaid overflows")?;
		}
		ensure!(
			Pool::<T>::get().repaid == total,
			"pool-covered: the ledger's repaid differs from the payers' repayment histories"
		);
		Ok(total)
	}

	/// *payee-exposure*: what is recorded as owed for credit paid to each payee is what its
	/// debts owe, and no payee owed nothing for keeps an entry.
	fn check_exposure() -> Result<(), TryRuntimeError> {
		let mut owed: Sums<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for debt in Debts::<T>::iter_values() {
			add_to(&mut owed, debt.payee.clone(), debt.owed())?;
		}
		let recorded: Sums<T::AccountId, BalanceOf<T>> = PayeeExposure::<T>::iter().collect();
		ensure!(
			!recorded.values().any(|amount| amount.is_zero()),
			"payee-exposure: a payee owed nothing for keeps an entry"
		);
		ensure!(owed == recorded, "payee-exposure: a payee's exposure differs from its debts");
		Ok(())
	}

	/// *grade-backing*: every grade holds the backing its limit and its payer's debts to the
	/// payee need (never more; less only if migrated from before backing), a grade of limit zero
	/// stays only while its payer owes the payee, and each payee's backing and grade deposits
	/// are held (*holds-recorded* compares the totals).
	fn check_grades() -> Result<(), TryRuntimeError> {
		let backing_reason = HoldReason::GradeBacking.into();
		let deposit_reason = HoldReason::GradeDeposit.into();
		let mut backing: Sums<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut deposits: Sums<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		// A write-off takes a grade's backing, and a late charge adds to what is owed without
		// adding backing: such a grade holds less until its payee sets it again.
		let written_off: alloc::collections::btree_set::BTreeSet<_> = Debts::<T>::iter_values()
			.filter(|debt| debt.write_off.is_some() || !debt.late_charge.is_zero())
			.map(|debt| (debt.payee, debt.payer))
			.collect();
		for (payee, payer, grade) in Grades::<T>::iter() {
			let owed = Parties::<T>::get(&payer).open_debts.owed_to(&payee);
			let needed = Self::backing_for(grade.limit.max(owed));
			ensure!(
				grade.backing <= needed,
				"grade-backing: a grade holds more backing than it needs"
			);
			// Only a grade migrated from before backing (no deposit either) holds less.
			ensure!(
				grade.deposit.is_zero()
					|| grade.backing == needed
					|| written_off.contains(&(payee.clone(), payer.clone())),
				"grade-backing: a grade holds less backing than its limit and debts need"
			);
			ensure!(
				!grade.limit.is_zero() || !owed.is_zero(),
				"grade-backing: a grade of limit zero is kept with nothing owed under it"
			);
			add_to(&mut backing, payee.clone(), grade.backing)?;
			add_to(&mut deposits, payee, grade.deposit)?;
		}
		for (payee, drawn) in BackingDrawn::<T>::iter() {
			ensure!(
				!drawn.is_zero(),
				"grade-backing: a payee with no backing drawn keeps an entry"
			);
			backing.entry(payee).or_insert_with(Zero::zero);
		}
		for (payee, amount) in backing {
			let held = T::Currency::balance_on_hold(&backing_reason, &payee);
			ensure!(
				held.checked_add(&BackingDrawn::<T>::get(&payee)) == Some(amount),
				"grade-backing: a payee's held backing and what write-offs drew differ from its grades'"
			);
		}
		for (payee, amount) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&deposit_reason, &payee) == amount,
				"grade-backing: a payee's held grade deposits differ from its grades'"
			);
		}
		Ok(())
	}

	/// *pool-covered*: the pool holds what the ledger and the repayments say, and is never
	/// reaped once funded.
	fn check_pool(repaid: BalanceOf<T>) -> Result<(), TryRuntimeError> {
		Self::unbooked_pool_balance_with(repaid)?;
		if !Pool::<T>::get().funded.is_zero() {
			ensure!(
				T::Currency::balance(&Self::pool_account()) >= T::Currency::minimum_balance(),
				"pool-covered: pool balance is below the existential deposit"
			);
		}
		Ok(())
	}

	/// What the pool holds beyond its books ([`PoolLedger::liquid`]): money
	/// transferred to its account outside the pallet, the only way its balance can differ from
	/// the books. Zero where nobody did (the tests and the fuzzer check that it is); an error,
	/// naming *pool-covered*, if the pool holds less than the books say.
	pub fn unbooked_pool_balance() -> Result<BalanceOf<T>, TryRuntimeError> {
		Self::unbooked_pool_balance_with(Self::repaid_total()?)
	}

	fn unbooked_pool_balance_with(repaid: BalanceOf<T>) -> Result<BalanceOf<T>, TryRuntimeError> {
		let ledger = Pool::<T>::get();
		let balance = T::Currency::balance(&Self::pool_account());
		let inflow = ledger
			.funded
			.checked_add(&repaid)
			.and_then(|sum| sum.checked_add(&ledger.forfeited))
			.and_then(|sum| sum.checked_add(&ledger.backing_taken))
			.ok_or("pool inflow overflows")?;
		let outflow = ledger
			.withdrawn
			.checked_add(&ledger.paid_out)
			.and_then(|sum| sum.checked_add(&ledger.keeper_rewards))
			.and_then(|sum| sum.checked_add(&ledger.returned_to_backing))
			.ok_or("pool outflow overflows")?;
		let held_and_out = balance.checked_add(&outflow).ok_or("pool balance overflows")?;
		held_and_out.checked_sub(&inflow).ok_or_else(|| {
			"pool-covered: pool balance is below its books (funded + repaid + forfeited + backing taken - returned to backing - withdrawn - paid out - keeper rewards)"
				.into()
		})
	}

	/// *debts-conserved*, *debt-index*, *debts-settled*, *no-empty-party* and the debts'
	/// *timings*: debts, their sum, their requests, their index and their dates.
	fn check_debts(repaid: BalanceOf<T>) -> Result<(), TryRuntimeError> {
		let (lifetime, period) = (T::RequestLifetime::get(), T::RepaymentPeriod::get());
		let mut total = BalanceOf::<T>::zero();
		let mut written_off_owed = BalanceOf::<T>::zero();
		let mut debt_count = 0usize;
		for (id, debt) in Debts::<T>::iter() {
			debt_count = debt_count.saturating_add(1);
			let owed = debt.owed();
			ensure!(!owed.is_zero(), "debt-index: a fully repaid debt was not closed");
			let charged = debt
				.principal
				.checked_add(&debt.fee)
				.and_then(|sum| sum.checked_add(&debt.late_charge))
				.ok_or("debt overflows")?;
			ensure!(
				debt.repaid < charged,
				"debts-conserved: a debt was repaid beyond principal, fee and late charge"
			);
			if let Some(write_off) = debt.write_off {
				ensure!(
					debt.standing == DebtStanding::Defaulted
						&& owed <= write_off.amount
						&& write_off.returned_to_backing <= write_off.from_backing
						&& write_off.from_backing <= write_off.amount,
					"losses: a write-off's record does not add up"
				);
				ensure!(
					write_off.at > debt.due_at.saturating_add(T::DefaultAfter::get()),
					"timings: a debt was written off before it was in default"
				);
				written_off_owed =
					written_off_owed.checked_add(&owed).ok_or("total debt overflows")?;
			}
			ensure!(
				debt.repaid_held <= debt.repaid,
				"debts-conserved: a debt's time-weighted repayments exceed its repayments"
			);
			// A debt's request is open until the payee acknowledges receipt or it is closed
			// unacknowledged; then it is removed and the debt stands on its own.
			let request = Requests::<T>::get(id);
			if let Some(request) = &request {
				ensure!(
					matches!(
						request.status,
						RequestStatus::Settled
							| RequestStatus::Completed
							| RequestStatus::ClosedUnacknowledged
					),
					"debts-settled: a debt belongs to a request that was not settled"
				);
				ensure!(
					request.payer == debt.payer
						&& request.payee == debt.payee
						&& request.amount == debt.principal,
					"debts-settled: a debt does not match its request"
				);
			}
			let index = Parties::<T>::get(&debt.payer).open_debts;
			let entry = index
				.iter()
				.find(|d| d.id == id)
				.ok_or("debt-index: a debt is missing from its payer's index")?;
			ensure!(
				entry.payee == debt.payee && entry.due_at == debt.due_at,
				"debt-index: a debt's index entry names another payee or due date"
			);
			ensure!(
				entry.owed == owed,
				"debt-index: a debt's index entry differs from what the debt owes"
			);
			ensure!(
				debt.due_at == debt.settled_at.saturating_add(period),
				"timings: a debt is due other than a repayment period after settlement"
			);
			if let Some(request) = request.filter(|r| r.status == RequestStatus::Settled) {
				ensure!(
					request.expires_at == debt.settled_at.saturating_add(lifetime),
					"timings: a settled request expires other than a lifetime after settlement"
				);
			}
			if debt.write_off.is_none() {
				total = total.checked_add(&owed).ok_or("total debt overflows")?;
			}
		}

		let indexed: usize = Parties::<T>::iter_values().map(|state| state.open_debts.len()).sum();
		ensure!(
			indexed == debt_count,
			"debt-index: the per-payer debt index lists a debt that does not exist"
		);

		let ledger = Pool::<T>::get();
		let lent = ledger
			.paid_out
			.checked_add(&ledger.fees_charged)
			.and_then(|sum| sum.checked_add(&ledger.late_charged))
			.ok_or("lent overflows")?;
		let repaid_performing =
			repaid.checked_sub(&ledger.recovered).ok_or("losses: more recovered than repaid")?;
		let expected = total
			.checked_add(&repaid_performing)
			.and_then(|sum| sum.checked_add(&ledger.written_off))
			.ok_or("repaid overflows")?;
		ensure!(
			lent == expected,
			"debts-conserved: performing debts differ from paid out + fees + late charges - written off - repaid on them"
		);
		ensure!(
			ledger.written_off
				== written_off_owed.checked_add(&ledger.recovered).ok_or("losses overflow")?,
			"losses: what written-off debts owe differs from written off - recovered"
		);
		ensure!(
			ledger.backing_taken <= ledger.written_off
				&& ledger.returned_to_backing <= ledger.backing_taken
				&& ledger.returned_to_backing <= ledger.recovered,
			"losses: backing taken or returned beyond what was written off or recovered"
		);
		ensure!(
			ledger.keeper_rewards <= ledger.fees_charged,
			"losses: keepers were paid more than the fee income"
		);
		Self::check_shares(&ledger)?;
		for state in Parties::<T>::iter_values() {
			ensure!(state != Default::default(), "no-empty-party: an empty party state was kept");
		}
		Ok(())
	}

	/// *shares*: the funders' shares sum to the supply, none is zero, and shares exist exactly
	/// while the pool was funded.
	fn check_shares(ledger: &PoolLedger<BalanceOf<T>>) -> Result<(), TryRuntimeError> {
		let mut sum = BalanceOf::<T>::zero();
		for held in Shares::<T>::iter_values() {
			ensure!(!held.is_zero(), "shares: a funder with no shares keeps an entry");
			sum = sum.checked_add(&held).ok_or("shares overflow")?;
		}
		ensure!(sum == ledger.shares, "shares: the funders' shares differ from the supply");
		ensure!(
			ledger.shares.is_zero() || !ledger.funded.is_zero(),
			"shares: shares exist in a pool nobody funded"
		);
		Ok(())
	}

	/// *request-ids*, *request-deposits* and the pending requests' *timings*: open requests, the
	/// pending ones' index, their deposits and their expiry.
	fn check_requests() -> Result<(), TryRuntimeError> {
		let lifetime = T::RequestLifetime::get();
		let next = NextRequestId::<T>::get();
		let mut pending: Sums<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut pending_count = 0usize;
		for (id, request) in Requests::<T>::iter() {
			ensure!(id < next, "request-ids: a request id is not below NextRequestId");
			ensure!(
				request.payer != request.payee,
				"request-deposits: a request pays its own payer"
			);
			let deposit = match request.status {
				RequestStatus::Pending => {
					pending_count = pending_count.saturating_add(1);
					ensure!(
						request.expires_at == request.created_at.saturating_add(lifetime),
						"timings: a pending request expires other than a lifetime after it was made"
					);
					ensure!(
						Parties::<T>::get(&request.payer).open_requests.contains(&id),
						"request-deposits: a pending request is missing from its payer's index"
					);
					request.deposit
				}
				RequestStatus::Settled => request.deposit,
				_ => Zero::zero(),
			};
			// An entry in a final status (left by a runtime that kept finished requests) holds
			// nothing: its payer is checked too, so a deposit left held after it ended is found.
			add_to(&mut pending, request.payer, deposit)?;
		}
		let indexed: usize =
			Parties::<T>::iter_values().map(|state| state.open_requests.len()).sum();
		ensure!(
			indexed == pending_count,
			"request-deposits: the open-request index lists a request that is not pending"
		);

		let reason = HoldReason::RequestDeposit.into();
		for (payer, deposits) in pending {
			ensure!(
				T::Currency::balance_on_hold(&reason, &payer) == deposits,
				"request-deposits: held deposits differ from the open requests' deposits"
			);
		}
		for (payer, state) in Parties::<T>::iter() {
			if state.open_requests.is_empty() {
				continue;
			}
			ensure!(
				!T::Currency::balance_on_hold(&reason, &payer).is_zero(),
				"request-deposits: a payer with pending requests holds no deposit"
			);
		}
		Ok(())
	}
}

/// What the pallet holds from one account, by reason, as its records say.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RecordedHolds<Balance> {
	/// For its open requests.
	pub request: Balance,
	/// For its certificate.
	pub certificate: Balance,
	/// For its open credit-increase request.
	pub increase: Balance,
	/// As a payee, backing its grades.
	pub backing: Balance,
	/// As a payee, for its stored grades.
	pub grade_deposit: Balance,
}
