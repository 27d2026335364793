// limits.h — every bound in one place, with its unit in its name (STYLE.md rule 10). A limit
// breached by input is a Result error; one breached by our own code is an assertion.
#pragma once

#include <cstddef>
#include <cstdint>

namespace o2c {

inline constexpr std::size_t kOrderLinesMax = 1'000;
inline constexpr std::int64_t kQuantityMilliMax = 1'000'000'000'000;    // one billion units
inline constexpr std::int64_t kAmountMinorMax = 1'000'000'000'000'000;  // 10^15 minor: 10^13 EUR
inline constexpr std::size_t kNameBytesMax = 200;
inline constexpr std::size_t kReferenceBytesMax = 140;  // SEPA remittance field length
// Why a credit or debit note was issued: printed on the document.
inline constexpr std::size_t kDocumentReasonBytesMax = 280;
inline constexpr std::size_t kPaymentTargetsMax = 1'000;
inline constexpr std::size_t kWriteBatchJobsMax = 4'096;  // jobs in one group commit
// Rows the writer keeps in memory per kind before it starts again from an empty cache.
inline constexpr std::size_t kWriterCachedRowsMax = 200'000;
// Orders and invoices (about 1 KiB each) the writer keeps, likewise.
inline constexpr std::size_t kWriterCachedDocumentsMax = 50'000;
inline constexpr std::uint32_t kDocumentSequenceMax = 999'999;  // six digits in the number
inline constexpr int kPaymentTermDaysMax = 365;
inline constexpr int kInstalmentsMax = 24;  // two years of monthly parts
inline constexpr std::int64_t kDemoOrdersMax = 10'000'000;

// Order capture (orders.h). EDIFACT C506 and X12 BEG03 carry a PO number of at most 35 / 22
// characters; 35 bytes fits both.
inline constexpr std::size_t kCustomerReferenceBytesMax = 35;
inline constexpr std::size_t kOrderNotesBytesMax = 2'000;
// Bulk order import (formats/csv, orders.h).
inline constexpr std::size_t kImportFileBytesMax = 256 * 1024 * 1024;
inline constexpr std::size_t kImportRowsMax = 1'000'000;
inline constexpr std::size_t kImportProblemsMax = 10'000;  // more are summarised in one line
// Order rules and approvals configuration (orders.h).
inline constexpr std::size_t kApprovalLevelsMax = 9;
inline constexpr std::size_t kRuleEntriesMax = 100'000;  // customers or SKUs named in one table

// Pricing wired into orders (issue 3): a region is an ISO 3166-2 subdivision code without its
// country ("CA", "BY"), at most three characters; codes kept short so they compare exactly.
inline constexpr std::size_t kRegionBytesMax = 3;

static_assert(kOrderLinesMax <= kWriteBatchJobsMax * 1000);
static_assert(kOrderLinesMax <= kImportRowsMax);
static_assert(kAmountMinorMax < INT64_MAX / 1000, "an amount times a tax rate must not overflow");

}  // namespace o2c
