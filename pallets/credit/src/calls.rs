//! The dispatchables: a section of the pallet module (imported into it in `lib.rs`). Each call
//! checks its origin and hands over to the `do_*` function of the module its concern lives in.
//! Every call either completes or fails without effect (calls are transactional).

#[frame_support::pallet_macros::pallet_section]
mod calls {
	/// Every call that reads a party's entry (all but the pool's, the CAs' and the grades')
	/// also fails with [`Error::PartyEntryUndecodable`] when that entry does not decode.
	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Pay `amount` into the credit pool, for shares at the pool's value per share
		/// ([`crate::pool`]), rounded down.
		///
		/// Emits [`Event::PoolFunded`]. Errors with [`Error::ZeroAmount`] for nothing,
		/// [`Error::FundingBelowOneShare`] for less than one share's worth,
		/// [`Error::PoolHasNoValue`] when the shares are worth nothing, with
		/// `ArithmeticError::Overflow` if the pool ledger would overflow, or with the
		/// currency's error if the caller cannot pay and stay alive.
		#[pallet::call_index(0)]
		pub fn fund_pool(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_pool(who, amount)
		}

		/// Set or change the grade the caller, as payee, keeps for `payer` (S40): a level of its
		/// own meaning and the most `payer` may owe the caller at once. The caller must hold a
		/// valid certificate, and holds [`Config::GradeBacking`] of the limit (or of what `payer`
		/// owes it, if more) as backing, and [`Config::GradeDeposit`] for a new entry.
		///
		/// Emits [`Event::GradeSet`]. Errors with [`Error::GradeForSelf`] for oneself, a
		/// `PayeeCertificate*` error without a valid certificate, and
		/// [`Error::GradeBackingUnavailable`] if the caller cannot hold the backing and deposit,
		/// and [`Error::GradeBackingLocked`] if a lower limit would release backing that what is
		/// owed for credit paid to the caller still needs.
		#[pallet::call_index(2)]
		pub fn set_grade(
			origin: OriginFor<T>,
			payer: T::AccountId,
			level: u8,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let payee = ensure_signed(origin)?;
			Self::do_set_grade(payee, payer, level, limit)
		}

		/// Remove the grade the caller keeps for `payer`: its payee limit becomes zero. Debts
		/// already owed are not touched, and the backing of what `payer` still owes the caller
		/// stays held until it is repaid; the rest, and the deposit once nothing is backed, comes
		/// back.
		///
		/// Emits [`Event::GradeRemoved`]. Errors with [`Error::GradeNotFound`] without one, and
		/// [`Error::GradeBackingLocked`] if the backing it would release is still needed.
		#[pallet::call_index(3)]
		pub fn remove_grade(origin: OriginFor<T>, payer: T::AccountId) -> DispatchResult {
			let payee = ensure_signed(origin)?;
			Self::do_remove_grade(payee, payer)
		}

		/// Set `payer`'s base credit limit at the node (S50), from which the formula computes its
		/// node limit (see [`formula`]). A raise goes through the rate limiter; a cut never does.
		///
		/// Origin: [`Config::CreditOfficer`]. Emits [`Event::BaseLimitSet`] and
		/// [`Event::NodeLimitChanged`]. Errors with `BadOrigin`, [`Error::BaseLimitAboveCap`]
		/// for a limit above the formula's cap, or [`Error::LimitRaiseTooSoon`].
		#[pallet::call_index(4)]
		pub fn set_base_limit(
			origin: OriginFor<T>,
			payer: T::AccountId,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_set_base_limit(payer, limit)
		}

		/// Ask `payee` to accept a credit payment of `amount` for `goods` (S10, S20). Holds
		/// [`Config::RequestDeposit`] from the caller until the request ends (see
		/// [`Pallet::acknowledge_receipt`]).
		///
		/// Emits [`Event::PaymentRequested`]. Errors with [`Error::ZeroAmount`],
		/// [`Error::RequestToSelf`], [`Error::PayerHasOverdueDebt`],
		/// [`Error::TooManyOpenDebts`], a payer certificate error
		/// ([`Error::PayerCertificateMissing`], [`Error::PayerCertificateExpired`],
		/// [`Error::PayerCertificateNotYetValid`], [`Error::PayerCertificateRevoked`],
		/// [`Error::PayerCertificateUntrustedCa`]), a payee certificate error
		/// ([`Error::PayeeCertificateMissing`], [`Error::PayeeCertificateExpired`],
		/// [`Error::PayeeCertificateNotYetValid`], [`Error::PayeeCertificateRevoked`],
		/// [`Error::PayeeCertificateUntrustedCa`]), [`Error::SameIdentity`] when both
		/// certificates carry one identity, the settlement's error for a payee homed on a
		/// chain it cannot reach (with [`LocalSettlement`], [`Error::PayeeChainUnreachable`]),
		/// [`Error::TooManyOpenRequests`],
		/// `ArithmeticError::Overflow` when request ids run out, or the currency's error when
		/// the deposit cannot be held.
		#[pallet::call_index(5)]
		pub fn request_credit_payment(
			origin: OriginFor<T>,
			payee: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
			goods: GoodsOf<T>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_request(payer, payee, amount, goods).map(|_| ())
		}

		/// Withdraw a pending request; the deposit comes back.
		///
		/// Emits [`Event::RequestCancelled`]. Errors with [`Error::RequestNotFound`],
		/// [`Error::RequestNotPending`] or [`Error::NotPayer`].
		#[pallet::call_index(6)]
		pub fn cancel_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, id)
		}

		/// Accept a pending request as its payee (S30), then check both limits (S40 to S60): if
		/// they allow it the pool pays the caller and the payer owes the debt (S70); if not the
		/// request ends rejected with the reason (claim 4) and the deposit comes back. A settled
		/// request keeps the deposit until the payee acknowledges receipt, which it must do
		/// within [`Config::RequestLifetime`] (the request's new `expires_at`).
		///
		/// Emits [`Event::PaymentSettled`] or [`Event::RequestRejected`]. Errors, leaving the
		/// request pending, with [`Error::RequestNotFound`], [`Error::RequestNotPending`],
		/// [`Error::NotPayee`], [`Error::RequestExpired`], a payer or payee certificate error
		/// (the ten `PayerCertificate*` and `PayeeCertificate*` errors of
		/// [`Pallet::request_credit_payment`]: both certificates are checked again as they stand
		/// now), [`Error::SameIdentity`], [`Error::PoolBalanceTooLow`],
		/// `ArithmeticError::Overflow` if the debt or the
		/// ledger would overflow, [`Error::TooManyOpenDebts`], or the settlement's error (with
		/// [`LocalSettlement`], [`Error::PayeeChainUnreachable`] for a payee homed on another
		/// chain, or the currency's error).
		#[pallet::call_index(7)]
		pub fn accept_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, id)
		}

		/// Decline a pending request as its payee (S30); the payer's deposit comes back.
		///
		/// Emits [`Event::RequestDeclined`]. Errors with [`Error::RequestNotFound`],
		/// [`Error::RequestNotPending`] or [`Error::NotPayee`].
		#[pallet::call_index(8)]
		pub fn decline_request(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline(who, id)
		}

		/// Confirm, as payee, that a settled payment arrived (S80), by the request's `expires_at`;
		/// the request completes and the payer's deposit comes back.
		///
		/// Emits [`Event::ReceiptAcknowledged`], the payer's success notice. Errors with
		/// [`Error::RequestNotFound`], [`Error::NotPayee`], [`Error::RequestNotSettled`], or
		/// [`Error::RequestExpired`] past `expires_at` (the request is then closed
		/// unacknowledged by [`Pallet::close_expired`]).
		#[pallet::call_index(9)]
		pub fn acknowledge_receipt(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_acknowledge(who, id)
		}

		/// Pay `amount` of debt `id` into the pool, or what it still owes if that is less (so a
		/// repayment of the whole debt succeeds whatever was repaid before it in the block).
		/// Anyone may pay any debt down; the repayment counts in the debt's payer's history, on
		/// time if made by the due date.
		///
		/// An overdue debt's late charge is brought up to date first; a debt in default not yet
		/// written off is written off first (see [`Pallet::report_overdue`]), and what is repaid
		/// on a written-off debt is a recovery.
		///
		/// Emits [`Event::Repaid`] (with the amount taken), [`Event::DebtCleared`] when nothing
		/// is left, [`Event::Recovered`] for a written-off debt, [`Event::LateCharged`],
		/// and [`Event::NodeLimitChanged`] when the repayment moves the payer's limit.
		/// Errors with [`Error::ZeroAmount`], [`Error::DebtNotFound`], or the currency's error if
		/// the caller cannot pay.
		///
		/// Weighs the repayment that books a default first; one that does not is refunded down
		/// to a plain repayment's weight.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::repay().max(T::WeightInfo::repay_in_default()))]
		pub fn repay(
			origin: OriginFor<T>,
			id: RequestId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let booked_default = Self::do_repay(who, id, amount)?;
			Ok((!booked_default).then(T::WeightInfo::repay).into())
		}

		/// Close an open request past its `expires_at`; the payer's deposit comes back. Anyone
		/// may. A pending request expires; a settled one whose payee never acknowledged receipt
		/// is closed unacknowledged, and its debt stands.
		///
		/// Emits [`Event::RequestExpired`] or [`Event::RequestClosedUnacknowledged`]. Errors
		/// with [`Error::RequestNotFound`], [`Error::RequestNotOpen`] or
		/// [`Error::RequestNotExpired`].
		#[pallet::call_index(11)]
		pub fn close_expired(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close_expired(id)
		}

		/// Trust a CA: its `key` signs certificates.
		///
		/// Origin: [`Config::CaAdmin`]. Emits [`Event::CaAdded`]. Errors with `BadOrigin`,
		/// [`Error::CaKeyAlreadyTrusted`] for a key trusted under another id,
		/// [`Error::TooManyCas`] when [`Config::MaxTrustedCas`] are trusted already, or
		/// `ArithmeticError::Overflow` when CA ids run out.
		#[pallet::call_index(12)]
		pub fn add_ca(origin: OriginFor<T>, name: NameOf<T>, key: MultiSigner) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_add_ca(name, key)
		}

		/// Stop trusting a CA: every certificate it issued stops being valid at once.
		///
		/// Origin: [`Config::CaAdmin`]. Emits [`Event::CaRemoved`]. Errors with `BadOrigin` or
		/// [`Error::UnknownCa`].
		#[pallet::call_index(13)]
		pub fn remove_ca(origin: OriginFor<T>, ca: CaId) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_remove_ca(ca)
		}

		/// Revoke the certificate `serial` of `ca`.
		///
		/// Origin: [`Config::CaAdmin`]. Emits [`Event::CertificateRevoked`]. Errors with
		/// `BadOrigin` or [`Error::UnknownCa`].
		#[pallet::call_index(14)]
		pub fn revoke_certificate(origin: OriginFor<T>, ca: CaId, serial: u64) -> DispatchResult {
			T::CaAdmin::ensure_origin(origin)?;
			Self::do_revoke(ca, serial)
		}

		/// Register the caller's CA-signed certificate (claim 3), holding
		/// [`Config::CertificateDeposit`] while it is stored; a new one replaces the old. The
		/// identity it carries becomes the caller's: no other account may hold it meanwhile
		/// (one whose certificate no longer identifies it, revoked, expired or of an untrusted
		/// CA, and that owes nothing, loses it, with its certificate), and if it defaulted under
		/// an earlier account the caller inherits its defaults.
		///
		/// Emits [`Event::CertificateRegistered`]. Errors with [`Error::CertificateNotForCaller`],
		/// [`Error::UntrustedCa`], [`Error::SignatureSchemeMismatch`] for a signature of
		/// another scheme than the CA's key, [`Error::BadCertificateSignature`],
		/// [`Error::CertificateRevoked`], [`Error::CertificateNotYetValid`],
		/// [`Error::CertificateExpired`], [`Error::SerialHeldByAnother`],
		/// [`Error::IdentityHeldByAnother`], [`Error::CertificateBacksOpenDebts`] for a
		/// replacement of another identity while the caller owes debts, or the currency's
		/// error when the deposit cannot be held.
		#[pallet::call_index(15)]
		pub fn register_certificate(
			origin: OriginFor<T>,
			payload: PayloadOf<T>,
			signature: MultiSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_certificate(who, payload, signature)
		}

		/// Remove the caller's certificate; its deposit comes back. Not while the caller owes
		/// debts: the certificate identifies the debtor.
		///
		/// Emits [`Event::CertificateRemoved`]. Errors with [`Error::CertificateBacksOpenDebts`]
		/// or [`Error::CertificateMissing`].
		#[pallet::call_index(16)]
		pub fn remove_certificate(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_certificate(who)
		}

		/// Revoke the certificate `serial` of `ca` with a revocation the CA itself signed over
		/// [`certificates::REVOCATION_CONTEXT`] `++ genesis hash ++ (ca, serial)`; anyone may
		/// submit it.
		///
		/// Emits [`Event::CertificateRevoked`]. Errors with [`Error::UnknownCa`],
		/// [`Error::SignatureSchemeMismatch`] or [`Error::BadRevocationSignature`].
		#[pallet::call_index(17)]
		pub fn revoke_certificate_signed(
			origin: OriginFor<T>,
			ca: CaId,
			serial: u64,
			signature: MultiSignature,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_revoke_signed(ca, serial, signature)
		}

		/// Ask the credit officer for `amount` more base limit (claim 5), with the hash of
		/// off-chain evidence of the ability to repay and a short note. Holds
		/// [`Config::IncreaseDeposit`] until the officer decides or the caller withdraws; one
		/// request open at a time.
		///
		/// Emits [`Event::CreditIncreaseRequested`]. Errors with [`Error::ZeroAmount`],
		/// [`Error::IncreaseAlreadyOpen`], [`Error::PayerInDefault`], [`Error::BaseLimitAtCap`],
		/// a payer certificate error ([`Error::PayerCertificateMissing`],
		/// [`Error::PayerCertificateExpired`], [`Error::PayerCertificateNotYetValid`],
		/// [`Error::PayerCertificateRevoked`], [`Error::PayerCertificateUntrustedCa`]), or the
		/// currency's error when the deposit cannot be held.
		#[pallet::call_index(18)]
		pub fn request_credit_increase(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
			evidence_hash: H256,
			note: DescriptionOf<T>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_request_increase(payer, amount, evidence_hash, note)
		}

		/// Withdraw the caller's credit-increase request; the deposit comes back.
		///
		/// Emits [`Event::CreditIncreaseWithdrawn`]. Errors with [`Error::IncreaseNotFound`].
		#[pallet::call_index(19)]
		pub fn withdraw_credit_increase(origin: OriginFor<T>) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_withdraw_increase(payer)
		}

		/// Approve `payer`'s credit-increase request: its base limit rises by the amount asked,
		/// up to the formula's cap, and the deposit comes back.
		///
		/// Origin: [`Config::CreditOfficer`]. Emits [`Event::CreditIncreaseApproved`] and
		/// [`Event::NodeLimitChanged`]. Errors with `BadOrigin`, [`Error::PayerInDefault`],
		/// [`Error::IncreaseNotFound`] or [`Error::LimitRaiseTooSoon`] (the request stays open).
		#[pallet::call_index(20)]
		pub fn approve_credit_increase(
			origin: OriginFor<T>,
			payer: T::AccountId,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_approve_increase(payer)
		}

		/// Reject `payer`'s credit-increase request. The deposit comes back, or goes to the pool
		/// when `abusive`.
		///
		/// Origin: [`Config::CreditOfficer`]. Emits [`Event::CreditIncreaseRejected`]. Errors
		/// with `BadOrigin` or [`Error::IncreaseNotFound`].
		#[pallet::call_index(21)]
		pub fn reject_credit_increase(
			origin: OriginFor<T>,
			payer: T::AccountId,
			abusive: bool,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_reject_increase(payer, abusive)
		}

		/// Note that debt `id` is past its due date, or, past it by [`Config::DefaultAfter`],
		/// book its default. Anyone may: the payee, a keeper, the payer itself. An overdue debt
		/// lowers the payer's node limit from its due date on, and a debt in default takes it to
		/// zero from that moment, whether noted or not; the note is the notice. Booking a
		/// default writes the debt off (the payee's grade backing takes the first loss, the
		/// pool the rest, see [`crate::losses`]) and pays the caller [`Config::KeeperReward`],
		/// at most the debt's fee, from the pool.
		///
		/// Emits [`Event::DebtOverdue`], or [`Event::DebtDefaulted`], [`Event::DebtWrittenOff`]
		/// and [`Event::KeeperRewarded`]; [`Event::LateCharged`] when the late charge grows;
		/// and [`Event::NodeLimitChanged`]. Errors with [`Error::DebtNotFound`],
		/// [`Error::DebtNotOverdue`] or [`Error::StandingAlreadyNoted`].
		#[pallet::call_index(22)]
		pub fn report_overdue(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
			let keeper = ensure_signed(origin)?;
			Self::do_report_overdue(keeper, id)
		}

		/// Remove an entry whose business has ended ([`crate::reaping`] says which are). Anyone
		/// may; the caller pays the fee and gets nothing: it keeps the state small for all.
		///
		/// Emits [`Event::EntryReaped`]. Errors with [`Error::NothingToReap`] when there is no
		/// such entry, and with [`Error::RequestStillOpen`], [`Error::VolumeStillInWindow`] or
		/// [`Error::CaStillTrusted`] when it still counts.
		#[pallet::call_index(23)]
		#[pallet::weight(match entry {
			StaleEntry::Request(_) => T::WeightInfo::reap_request(),
			StaleEntry::PayeeVolume(_) => T::WeightInfo::reap_payee_volume(),
			StaleEntry::RevokedSerial(..) => T::WeightInfo::reap_revoked_serial(),
		})]
		pub fn reap(origin: OriginFor<T>, entry: StaleEntry<T::AccountId>) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_reap(entry)
		}

		/// Redeem `shares` of the caller's for their value at the pool's value per share
		/// (rounded down), paid from the pool's liquid funds. The only way money leaves the
		/// pool for its funders: each redeems its own.
		///
		/// Emits [`Event::SharesRedeemed`]. Errors with [`Error::ZeroAmount`],
		/// [`Error::NotEnoughShares`], [`Error::RedemptionBelowOneUnit`],
		/// [`Error::PoolBalanceTooLow`] when the pool's liquid funds (above its existential
		/// deposit) are less than the shares are worth, or
		/// [`Error::WithdrawalAboveExposureCap`] when what the pool is owed would then pass
		/// [`Config::MaxPoolExposure`] of its value.
		#[pallet::call_index(24)]
		pub fn redeem_shares(
			origin: OriginFor<T>,
			#[pallet::compact] shares: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem_shares(who, shares)
		}

		/// Clear `payer`'s defaults once every debt of its in default is repaid: the node limit
		/// comes back, less the late-repayment penalty each of those debts, repaid after its
		/// due date, counts for (see [`formula`] and [`crate::losses`]).
		///
		/// Origin: [`Config::CreditOfficer`]. Emits [`Event::PayerRehabilitated`] with the
		/// officer's `reason`, and [`Event::NodeLimitChanged`]. Errors with `BadOrigin`,
		/// [`Error::NoDefaultsToClear`] or [`Error::DefaultsStillOwed`].
		#[pallet::call_index(25)]
		pub fn rehabilitate(
			origin: OriginFor<T>,
			payer: T::AccountId,
			reason: DescriptionOf<T>,
		) -> DispatchResult {
			T::CreditOfficer::ensure_origin(origin)?;
			Self::do_rehabilitate(payer, reason)
		}
	}
}
