// collections_rows.h — the rows the collections use cases read and write (migration 0018):
// receivables as of a date, dunning candidates and notices, collectors, their accounts and
// notes, and the period figures the KPIs are computed from. Included by store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"

namespace o2c {

// An invoice (or debit note) open on a date: gross less what settled it by then.
struct ReceivableAsOf {
  CustomerId customer;
  std::string customer_number;
  std::string customer_name;
  std::string invoice_number;
  Date invoice_date;
  Date due_date;
  Money open;
};

// An open invoice as dunning sees it today.
struct DunningCandidate {
  InvoiceId invoice;
  std::string invoice_number;
  CustomerId customer;
  std::string customer_number;
  Date due_date;
  Money open;
  int last_level_sent = 0;    // 0: none
  bool open_dispute = false;  // disputes.status = 'open' on the invoice
  bool open_promise = false;  // an open promise for the invoice or the whole account
};

struct DunningNotice {
  std::string letter;  // DUN-2026-000001
  InvoiceId invoice;
  std::string invoice_number;
  CustomerId customer;
  std::string customer_number;
  int level = 0;
  std::string level_name;
  Date sent_on;
  Money open;
  std::int64_t days_overdue = 0;
  Money interest;
  Money fee;
  std::string debit_note;
  std::optional<std::int64_t> outbox_id;
};

struct Collector {
  std::int64_t id = 0;
  std::string name;
  std::string region;  // empty: any
  std::optional<int> max_accounts;
  std::string team;
};

struct CollectorAccount {
  CustomerId customer;
  std::string customer_number;
  std::int64_t collector = 0;
  std::string collector_name;
};

struct CollectorNote {
  CustomerId customer;
  std::string customer_number;
  std::int64_t collector = 0;
  std::string collector_name;
  Date noted_on;
  std::string outcome;  // reached|no_answer|left_message|promise|dispute
  std::string text;
};

struct CustomerAmount {
  CustomerId customer;
  std::string customer_number;
  Money amount;
};

// A promise to pay found kept or broken.
struct PromiseSettled {
  CustomerId customer;
  bool kept = false;
};

// A customer's risk class (A–E), none when never scored.
struct CustomerRisk {
  CustomerId customer;
  std::optional<char> risk_class;
};

}  // namespace o2c
