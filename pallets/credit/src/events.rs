//! The events: a section of the pallet module (imported into it in `lib.rs`). They are the
//! notices of the method, named in the passive tense.

#[frame_support::pallet_macros::pallet_section]
mod events {
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Money was paid into the credit pool.
		PoolFunded {
			/// Who paid it in.
			who: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
			/// The shares it bought.
			shares: BalanceOf<T>,
		},
		/// A funder redeemed shares for the pool's liquid funds.
		SharesRedeemed {
			/// The funder, paid.
			who: T::AccountId,
			/// The shares burnt.
			shares: BalanceOf<T>,
			/// What they were worth, paid out.
			amount: BalanceOf<T>,
		},
		/// A payee set or changed the grade it keeps for a payer.
		GradeSet {
			/// The payee keeping the grade.
			payee: T::AccountId,
			/// The payer graded.
			payer: T::AccountId,
			/// The payee's own rating.
			level: u8,
			/// Most the payer may owe this payee at once.
			limit: BalanceOf<T>,
			/// Held from the payee to back it.
			backing: BalanceOf<T>,
		},
		/// A payee removed the grade it kept for a payer.
		GradeRemoved {
			/// The payee that kept it.
			payee: T::AccountId,
			/// The payer it was for.
			payer: T::AccountId,
			/// Still held from the payee, backing what the payer owes it; released as that is
			/// repaid.
			backing_kept: BalanceOf<T>,
		},
		/// What a payee holds to back its grade for a payer changed without the payee setting
		/// it: part released as the payer repaid, or all of it with the entry, once a removed
		/// grade backs nothing more.
		GradeBackingChanged {
			/// The payee.
			payee: T::AccountId,
			/// The payer.
			payer: T::AccountId,
			/// Held now.
			backing: BalanceOf<T>,
		},
		/// The credit officer set a payer's base limit at the node.
		BaseLimitSet {
			/// The payer.
			payer: T::AccountId,
			/// Its new base limit.
			limit: BalanceOf<T>,
		},
		/// A payer asked for a credit payment (S20); the payee is asked to decide (S30).
		PaymentRequested {
			/// The request's id (and the id of the debt it may become).
			id: RequestId,
			/// Who asks for credit.
			payer: T::AccountId,
			/// Who is to be paid.
			payee: T::AccountId,
			/// What the pool is asked to pay.
			amount: BalanceOf<T>,
			/// The payee must decide by this moment (ms).
			expires_at: Moment,
		},
		/// The payer withdrew a pending request.
		RequestCancelled {
			/// The request.
			id: RequestId,
		},
		/// The payee declined a request.
		RequestDeclined {
			/// The request.
			id: RequestId,
		},
		/// The payee accepted, but the payer's credit cannot complete this payment (claim 4).
		RequestRejected {
			/// The request.
			id: RequestId,
			/// Its payer.
			payer: T::AccountId,
			/// Its payee.
			payee: T::AccountId,
			/// The limit that failed, with the headroom under both.
			reason: RejectionReason<BalanceOf<T>>,
			/// Set when only the node limit failed (the payee's passed) and the payer is not in
			/// default: a credit increase may help (claim 5).
			credit_increase_may_help: bool,
		},
		/// The pool paid the payee on the payer's behalf (S70).
		PaymentSettled {
			/// The request, and the debt it created.
			id: RequestId,
			/// The debtor.
			payer: T::AccountId,
			/// Who was paid.
			payee: T::AccountId,
			/// What the pool paid.
			amount: BalanceOf<T>,
			/// The fee owed with it.
			fee: BalanceOf<T>,
			/// `amount + fee` is due by this moment (ms).
			due_at: Moment,
		},
		/// The payee confirmed the money arrived: the payer's "credit transaction succeeded"
		/// notice (S80).
		ReceiptAcknowledged {
			/// The request.
			id: RequestId,
			/// Its payer, the one notified.
			payer: T::AccountId,
			/// Its payee.
			payee: T::AccountId,
		},
		/// A pending request passed its expiry and was closed.
		RequestExpired {
			/// The request.
			id: RequestId,
		},
		/// A debt was paid down.
		Repaid {
			/// The debt.
			id: RequestId,
			/// The debtor, in whose history the repayment counts.
			payer: T::AccountId,
			/// Who paid (anyone may).
			by: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
			/// Whether it came by the debt's due date.
			on_time: bool,
			/// What the debt still owes.
			remaining: BalanceOf<T>,
		},
		/// A debt was paid in full and closed.
		DebtCleared {
			/// The debt.
			id: RequestId,
			/// The former debtor.
			payer: T::AccountId,
		},
		/// A CA became trusted.
		CaAdded {
			/// Its id.
			ca: CaId,
		},
		/// A CA is no longer trusted: none of its certificates is valid any more.
		CaRemoved {
			/// Its id.
			ca: CaId,
		},
		/// A certificate was revoked.
		CertificateRevoked {
			/// Its CA.
			ca: CaId,
			/// The CA's serial for it.
			serial: u64,
		},
		/// An account registered a CA-signed certificate.
		CertificateRegistered {
			/// The subject.
			who: T::AccountId,
			/// Its CA.
			ca: CaId,
			/// The CA's serial for it.
			serial: u64,
		},
		/// An account removed its certificate; its deposit came back.
		CertificateRemoved {
			/// The former subject.
			who: T::AccountId,
		},
		/// A payer's node limit changed.
		NodeLimitChanged {
			/// The payer.
			payer: T::AccountId,
			/// Why.
			reason: LimitChangeReason,
			/// The base the limit grows from.
			base_limit: BalanceOf<T>,
			/// The limit before the payee-volume guard: the most any payee could see.
			ceiling: BalanceOf<T>,
		},
		/// A payer asked for more base limit (claim 5), with evidence of its ability to repay.
		CreditIncreaseRequested {
			/// The payer.
			payer: T::AccountId,
			/// How much more it asks for.
			amount: BalanceOf<T>,
			/// Hash of the off-chain evidence.
			evidence_hash: H256,
		},
		/// A payer withdrew its credit-increase request; its deposit came back.
		CreditIncreaseWithdrawn {
			/// The payer.
			payer: T::AccountId,
		},
		/// The credit officer approved a credit increase.
		CreditIncreaseApproved {
			/// The payer.
			payer: T::AccountId,
			/// Its base limit now.
			base_limit: BalanceOf<T>,
		},
		/// The credit officer rejected a credit increase.
		CreditIncreaseRejected {
			/// The payer.
			payer: T::AccountId,
			/// Whether the officer judged the request abusive.
			abusive: bool,
			/// What of the deposit went to the pool (the rest came back).
			slashed: BalanceOf<T>,
		},
		/// A debt was noted past its due date.
		DebtOverdue {
			/// The debt.
			id: RequestId,
			/// The debtor.
			payer: T::AccountId,
			/// What it still owes.
			owed: BalanceOf<T>,
		},
		/// A debt went into default: the payer's node limit is zero from now on.
		DebtDefaulted {
			/// The debt.
			id: RequestId,
			/// The debtor.
			payer: T::AccountId,
			/// What it still owes.
			owed: BalanceOf<T>,
		},
		/// A defaulted debt was written off: the payee's grade backing took the first loss,
		/// the pool the rest.
		DebtWrittenOff {
			/// The debt.
			id: RequestId,
			/// The payee whose backing was taken.
			payee: T::AccountId,
			/// What the debt owed: the loss before the waterfall.
			amount: BalanceOf<T>,
			/// Taken from the payee's backing into the pool.
			from_backing: BalanceOf<T>,
			/// Lost by the pool (and its funders' shares).
			from_pool: BalanceOf<T>,
		},
		/// Whoever booked a default was paid for it from the pool.
		KeeperRewarded {
			/// The debt whose default was booked.
			id: RequestId,
			/// Who booked it.
			keeper: T::AccountId,
			/// What it was paid.
			amount: BalanceOf<T>,
		},
		/// An overdue debt's late charge grew.
		LateCharged {
			/// The debt.
			id: RequestId,
			/// Added to what it owes.
			amount: BalanceOf<T>,
			/// The days past due it covers now, in all.
			days: u32,
		},
		/// A repayment of a written-off debt came back: first to the payee whose backing
		/// covered the loss, then to the pool.
		Recovered {
			/// The debt.
			id: RequestId,
			/// Paid to the payee for its backing.
			to_backing: BalanceOf<T>,
			/// Paid into the pool.
			to_pool: BalanceOf<T>,
		},
		/// The credit officer cleared a payer's defaults, all of whose debts are repaid; each
		/// still counts as the late debt its late repayment made it.
		PayerRehabilitated {
			/// The payer.
			payer: T::AccountId,
			/// The defaults cleared.
			defaults_cleared: u32,
			/// Why, as the officer put it.
			reason: DescriptionOf<T>,
		},
		/// A settled request the payee did not acknowledge by its `expires_at` was closed; the
		/// payer's deposit came back. The debt stands.
		RequestClosedUnacknowledged {
			/// The request.
			id: RequestId,
			/// Its payer.
			payer: T::AccountId,
			/// Its payee.
			payee: T::AccountId,
		},
		/// An entry whose business had ended was removed.
		EntryReaped {
			/// What was removed.
			entry: StaleEntry<T::AccountId>,
		},
	}
}
