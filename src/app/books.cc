// Use cases of the books' set-up: the chart of accounts in force and closing and reopening
// accounting periods.
#include <algorithm>

#include "app/use_case.h"
#include "core/sha256.h"

namespace o2c::app {
namespace {

constexpr std::string_view kChartKey = "chart_of_accounts";

// Is any month closed? Then role codes are frozen (ledger.h).
Result<bool> any_period_closed(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, reader.accounting_periods());
  return std::any_of(periods.begin(), periods.end(),
                     [](const PeriodStatus& period) { return period.closed; });
}

Status check_roles_keep_codes(const Chart& current, const Chart& next, std::string_view source) {
  for (Account role : kAllAccounts) {
    const int before = account_of(current, role).code;
    const int after = account_of(next, role).code;
    if (before != after)
      return failed_precondition(
          "chart_locked",
          "a period is closed, so role " + std::string(wire_name(role)) + " must keep code " +
              std::to_string(before) + " (the new chart gives it " + std::to_string(after) + ")",
          std::string(source) + ": accounts (role " + std::string(wire_name(role)) + ")");
  }
  return {};
}

// Records a month's new state and journals it, in the writer's transaction.
Status save_period(StoreWriter& writer, const Context& context, PeriodStatus status,
                   std::string_view kind) {
  status.changed_at = context.clock.now();
  status.changed_by = context.actor;
  O2C_RETURN_IF_ERROR(writer.save_accounting_period(status));
  O2C_ASSIGN_OR_RETURN(
      std::int64_t sequence,
      append_event(writer, context, kind, format_year_month(status.period),
                   {{"period", format_year_month(status.period)}, {"reason", status.reason}}));
  O2C_ASSERT(sequence > 0);
  return {};
}

}  // namespace

Result<Chart> load_chart(StoreReader& reader) {
  O2C_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.setting(kChartKey));
  if (!text || text->empty()) return default_chart();
  // The stored text was checked when set; one that no longer parses was edited outside o2c.
  return parse_chart(*text, "stored chart of accounts");
}

Status set_chart(Context& context, std::string_view toml_text, std::string_view source) {
  if (source.empty()) source = "default chart";  // going back to it: no file to name
  std::optional<Chart> next;
  if (!toml_text.empty()) {
    O2C_ASSIGN_OR_RETURN(next, parse_chart(toml_text, source));
  }
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(bool locked, any_period_closed(writer));
        if (locked) {
          O2C_ASSIGN_OR_RETURN(Chart current, load_chart(writer));
          O2C_RETURN_IF_ERROR(
              check_roles_keep_codes(current, next ? *next : default_chart(), source));
        }
        O2C_RETURN_IF_ERROR(writer.save_setting(kChartKey, toml_text));
        O2C_ASSIGN_OR_RETURN(
            const std::int64_t sequence,
            append_event(
                writer, context, "config.accounts", kChartKey,
                {{"sha256", to_hex(sha256(toml_text))},
                 {"bytes", static_cast<std::int64_t>(toml_text.size())},
                 {"accounts", static_cast<std::int64_t>(next ? next->accounts.size()
                                                             : default_chart().accounts.size())}}));
        O2C_ASSERT(sequence > 0);
        return {};
      })
      .get();
}

Status close_period(Context& context, YearMonth period) {
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, writer.accounting_periods());
        O2C_ASSIGN_OR_RETURN(std::vector<YearMonth> posted, writer.posted_months());
        O2C_RETURN_IF_ERROR(check_can_close(period, periods, posted));
        return save_period(writer, context, PeriodStatus{period, true, {}, {}, {}},
                           "period.closed");
      })
      .get();
}

Status reopen_period(Context& context, YearMonth period, std::string_view reason) {
  return context.store
      .submit([&](StoreWriter& writer) -> Status {
        O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, writer.accounting_periods());
        O2C_RETURN_IF_ERROR(check_can_reopen(period, periods, reason));
        return save_period(writer, context,
                           PeriodStatus{period, false, {}, {}, std::string(reason)},
                           "period.reopened");
      })
      .get();
}

Result<std::vector<PeriodStatus>> list_periods(Store& store) {
  O2C_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, store.reader());
  O2C_ASSIGN_OR_RETURN(std::vector<PeriodStatus> periods, reader->accounting_periods());
  O2C_ASSIGN_OR_RETURN(std::vector<YearMonth> posted, reader->posted_months());
  for (YearMonth month : posted) {
    const bool known = std::any_of(periods.begin(), periods.end(),
                                   [&](const PeriodStatus& p) { return p.period == month; });
    if (!known) periods.push_back(PeriodStatus{month, false, {}, {}, {}});
  }
  std::sort(periods.begin(), periods.end(),
            [](const PeriodStatus& a, const PeriodStatus& b) { return a.period < b.period; });
  return periods;
}

}  // namespace o2c::app
