// Use cases that read: aging, trial balance, journal verification.
#include "app/use_case.h"

namespace o2c::app {

Result<AgingReport> aging_report(Store& store, Date as_of) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<AgingItem> items, reader->aging_items());
  return age_receivables(items, as_of);
}

Result<std::vector<TrialBalance>> trial_balance_report(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<AccountTotals> totals, reader->account_totals());
  return trial_balance(totals);
}

Result<JournalVerdict> verify_journal(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  ChainVerifier verifier;
  O2C_RETURN_IF_ERROR(reader->scan_journal(
      0, [&](const StoredJournalEntry& entry) { return verifier.feed(entry); }));
  JournalVerdict verdict;
  verdict.ok = verifier.ok();
  verdict.verified = verifier.verified_count();
  verdict.head_hash = verifier.head_hash_hex();
  if (!verifier.ok()) {
    verdict.failure = *verifier.failure();
    verdict.failed_sequence = verifier.failed_sequence();
  }
  return verdict;
}

}  // namespace o2c::app
