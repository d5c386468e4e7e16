//! The errors: a section of the pallet module (imported into it in `lib.rs`). Each names the
//! rule that failed; certificate failures name the side (payer or payee) and the reason.

#[frame_support::pallet_macros::pallet_section]
mod errors {
	#[pallet::error]
	pub enum Error<T> {
		/// An amount must be above zero.
		ZeroAmount,
		/// A payer cannot ask itself for credit.
		RequestToSelf,
		/// A payee cannot keep a grade for itself.
		GradeForSelf,
		/// The payer has [`Config::MaxOpenRequests`] pending requests already.
		TooManyOpenRequests,
		/// The payer has [`Config::MaxOpenDebts`] unpaid debts already.
		TooManyOpenDebts,
		/// No open request has this id: a request that ended is removed (the event that ended it
		/// is its record).
		RequestNotFound,
		/// Only the request's payee may do this.
		NotPayee,
		/// Only the request's payer may do this.
		NotPayer,
		/// The request is no longer pending.
		RequestNotPending,
		/// Only a settled request can be acknowledged.
		RequestNotSettled,
		/// The request passed its expiry; close it with `close_expired`.
		RequestExpired,
		/// The request has not expired yet.
		RequestNotExpired,
		/// The payer has a debt past its due date, so it gets no new credit.
		PayerHasOverdueDebt,
		/// No unpaid debt has this id.
		DebtNotFound,
		/// The pool cannot pay this amount and stay above the existential deposit.
		PoolBalanceTooLow,
		/// The payer has no grade from this payee.
		GradeNotFound,
		/// The payee's home chain cannot be reached by this runtime's settlement.
		PayeeChainUnreachable,
		/// No CA has this id.
		UnknownCa,
		/// The certificate's CA is not (or no longer) trusted.
		UntrustedCa,
		/// The CA's signature does not cover this payload on this chain.
		BadCertificateSignature,
		/// The CA revoked this certificate.
		CertificateRevoked,
		/// The certificate is not valid yet.
		CertificateNotYetValid,
		/// The certificate has expired.
		CertificateExpired,
		/// A certificate can only be registered by its subject.
		CertificateNotForCaller,
		/// The account has no certificate.
		CertificateMissing,
		/// The CA's signature does not cover this revocation on this chain.
		BadRevocationSignature,
		/// The payer has no registered certificate.
		PayerCertificateMissing,
		/// The payer's certificate has expired.
		PayerCertificateExpired,
		/// The payer's certificate is not valid yet.
		PayerCertificateNotYetValid,
		/// The payer's certificate was revoked.
		PayerCertificateRevoked,
		/// The CA of the payer's certificate is no longer trusted.
		PayerCertificateUntrustedCa,
		/// The payee has no registered certificate.
		PayeeCertificateMissing,
		/// The payee's certificate has expired.
		PayeeCertificateExpired,
		/// The payee's certificate is not valid yet.
		PayeeCertificateNotYetValid,
		/// The payee's certificate was revoked.
		PayeeCertificateRevoked,
		/// The CA of the payee's certificate is no longer trusted.
		PayeeCertificateUntrustedCa,
		/// The payer has a credit-increase request open already.
		IncreaseAlreadyOpen,
		/// The payer has no open credit-increase request.
		IncreaseNotFound,
		/// The payer's base limit is at the formula's cap: no increase can raise it.
		BaseLimitAtCap,
		/// The payer's node limit was raised less than [`Config::RaiseInterval`] ago.
		LimitRaiseTooSoon,
		/// The payer has a debt in default: its node limit stays zero.
		PayerInDefault,
		/// The debt is not past its due date.
		DebtNotOverdue,
		/// The debt's standing was noted already, and it is not yet in default.
		StandingAlreadyNoted,
		/// [`Config::MaxTrustedCas`] CAs are trusted already.
		TooManyCas,
		/// The request is closed: only a pending request, or a settled one not yet
		/// acknowledged, can be closed past its expiry.
		RequestNotOpen,
		/// Another account's registered certificate carries this CA's serial.
		SerialHeldByAnother,
		/// The signature is not of the scheme of the CA's key.
		SignatureSchemeMismatch,
		/// A base limit above the formula's cap would be stored but never count.
		BaseLimitAboveCap,
		/// Payer and payee are one identity (their certificates carry the same identity hash):
		/// a person cannot buy from itself on credit.
		SameIdentity,
		/// Another account holds a certificate of this identity: one identity, one account at
		/// a time.
		IdentityHeldByAnother,
		/// The account owes open debts: its certificate identifies the debtor, so it can be
		/// neither removed nor replaced by one of another identity until they are repaid.
		CertificateBacksOpenDebts,
		/// The account's stored entry does not decode under this runtime (its layout changed
		/// without a migration). Nothing is read as empty or overwritten; the chain's governance
		/// must migrate it.
		PartyEntryUndecodable,
		/// The key is trusted already, under another CA id.
		CaKeyAlreadyTrusted,
		/// The payee cannot hold the grade's backing ([`Config::GradeBacking`] of its limit)
		/// and deposit: a grade counts only as far as the payee backs it.
		GradeBackingUnavailable,
		/// The backing this would release raised the payee's exposure cap, and what is owed
		/// for credit paid to the payee still needs it: it comes back as those debts are repaid.
		GradeBackingLocked,
		/// The pool would be worth too little for what it is owed: after the withdrawal, what
		/// is owed to it would pass [`Config::MaxPoolExposure`] of its value.
		WithdrawalAboveExposureCap,
		/// There is no such entry to reap.
		NothingToReap,
		/// The request is open (pending, or settled and not yet acknowledged): it ends through
		/// its own calls, not `reap`.
		RequestStillOpen,
		/// The payee's volume ring still has repaid sales in the window: it still raises what
		/// may be owed for credit paid to the payee.
		VolumeStillInWindow,
		/// The serial's CA is still trusted: its revocation still refuses the certificate.
		CaStillTrusted,
		/// The caller holds fewer shares than it asked to redeem.
		NotEnoughShares,
		/// The shares are worth less than one unit of the currency: nothing would be paid.
		RedemptionBelowOneUnit,
		/// The pool's shares are worth nothing (its funds were lost to defaults): new money
		/// would go to them. Recoveries restore the value.
		PoolHasNoValue,
		/// The amount buys less than one share at the pool's value per share.
		FundingBelowOneShare,
		/// The payer has no defaults to clear.
		NoDefaultsToClear,
		/// A debt of the payer in default is still unpaid: rehabilitation comes after repaying.
		DefaultsStillOwed,
	}
}
