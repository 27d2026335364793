// reports.h — the tables of the reports, shared by their commands and the demo summary.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "cli/table.h"

namespace o2c::cli {

Table aging_table(const AgingReport& report);
// Rows by the chart's codes, with the chart's names.
Table trial_balance_table(const std::vector<TrialBalance>& balances, const Chart& chart);
std::string journal_line(const app::JournalVerdict& verdict);
// The aging in buckets (collections_commands.cc): per customer, or the drill-down's invoices.
Status render_bucketed_aging(Store& store, const app::AgingRequest& request, Format format);

}  // namespace o2c::cli
