#!/usr/bin/env bash
# Order rules and the approval workflow through the o2c command line: rules refuse orders
# with a clear reason and no trace; an order needing two levels waits in the queue, is
# approved level by level (each by its role, in order) and only then reserves stock; a
# rejection takes the order off the customer's exposure. Amounts are exact.
#
# usage: approvals_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: approvals_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.add.c1 customer add C1 --name "Alpha GmbH" --credit-limit 100000.00 --segment enterprise
run customer.add.c2 customer add C2 --name "Beta Ltd" --credit-limit 1000.00
run product.add product add W-1 --name Widget --price "10.00 EUR" --cost 4.00
run stock.receive stock receive W-1 --warehouse WH1 --qty 1000

cat >"$WORK/rules.toml" <<'TOML'
[minimum_order_value]
amount = "25.00"
[line_quantity]
max = "500"
[blocked_customers]
C2 = "fraud investigation"
[po_number_required]
segments = ["enterprise"]
TOML
cat >"$WORK/approvals.toml" <<'TOML'
[[level]]
role = "sales_manager"
line_discount_over = "15"
[[level]]
role = "finance"
order_total_over = "2000"
TOML
run config.rules config order-rules "$WORK/rules.toml"
has_line "order-rules set from $WORK/rules.toml"
run config.approvals config approvals "$WORK/approvals.toml"
run config.show config show
has 'C2 = "fraud investigation"' 'role = "finance"'

# ---- rules refuse, naming the rule and leaving nothing behind ------------------------------
refused rule.minimum "below the minimum of 25.00 EUR" order place --customer C1 --reference P1 --line W-1:2
refused rule.blocked "C2 is blocked: fraud investigation" order place --customer C2 --line W-1:5
refused rule.quantity "at most 500 per line" order place --customer C1 --reference P1 --line W-1:501
refused rule.po_required "PO" order place --customer C1 --line W-1:5

# ---- two levels: 300 × 10.00 less 20 % = 2,400.00 net, 456.00 tax, 2,856.00 gross ----------
run order.place --actor alice order place --customer C1 --reference PO-1 --line W-1:300:20%
has "SO-2026-000001  awaiting_approval" "approval 1 by sales_manager: pending" \
  "approval 2 by finance: pending" "net 2,400.00  tax 456.00  total 2,856.00 EUR"
run queue approvals list --format csv
has_line "SO-2026-000001,$(date -u +%F),C1,2400.00,EUR,1,sales_manager,line 1 discount 20 % is over 15 %"
run queue.finance approvals list --role finance --format csv
lacks SO-2026-000001
run stock.before stock list --format csv
has_line "W-1,WH1,1000,0,1000"            # nothing reserved while awaiting approval
run exposure.before customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,enterprise,100000.00,0.00,2856.00,0.00"

refused approve.out_of_order "sales_manager" --actor bob approvals approve SO-2026-000001 --level 2 --as finance
refused approve.wrong_role "decided by sales_manager, not by finance" --actor bob approvals approve SO-2026-000001 --level 1 --as finance
run approve.1 --actor bob approvals approve SO-2026-000001 --level 1 --as sales_manager --comment "key account"
has "SO-2026-000001  awaiting_approval" "approval 1 by sales_manager: approved by bob (key account)"
refused approve.twice "already" --actor bob approvals approve SO-2026-000001 --level 1 --as sales_manager
run approve.2 --actor carol approvals approve SO-2026-000001 --level 2 --as finance
has "SO-2026-000001  open" "approval 2 by finance: approved by carol"
run stock.after stock list --format csv
has_line "W-1,WH1,1000,300,700"
run queue.empty approvals list --format csv
lacks SO-2026-000001

# ---- a rejection: 250 × 10.00 = 2,500.00 net (level 2 only), 2,975.00 gross, then off the
# exposure again -----------------------------------------------------------------------------
run order.place.2 order place --customer C1 --reference PO-2 --line W-1:250
has "SO-2026-000002  awaiting_approval" "approval 2 by finance: pending"
run exposure.with_2 customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,enterprise,100000.00,0.00,5831.00,0.00"
refused reject.no_reason "reason" --actor carol approvals reject SO-2026-000002 --level 2 --as finance
run reject --actor carol approvals reject SO-2026-000002 --level 2 --as finance --reason "over budget"
has "SO-2026-000002  rejected" "approval 2 by finance: rejected by carol (over budget)"
run exposure.after_reject customer list --format csv
has_line "C1,Alpha GmbH,EUR,NET30,enterprise,100000.00,0.00,2856.00,0.00"
refused approve.rejected "already rejected by carol" --actor bob approvals approve SO-2026-000002 --level 2 --as finance

# ---- rules can be cleared; the journal records every decision and verifies ------------------
run config.clear config order-rules --clear
run order.small order place --customer C2 --line W-1:1
has "SO-2026-000003  open"
# ---- a credit hold first, then approval: 150 × 10.00 less 20 % = 1,200.00 net, 1,428.00 gross
run order.held order place --customer C2 --line W-1:150:20%
has "SO-2026-000004  on_credit_hold" "approval 1 by sales_manager: pending"
run queue.held approvals list --format csv
lacks SO-2026-000004                     # the credit manager decides first
run release --actor dave order release SO-2026-000004
has "SO-2026-000004  awaiting_approval"
run approve.held --actor bob approvals approve SO-2026-000004 --level 1 --as sales_manager
has "SO-2026-000004  open"
run stock.held stock list --format csv
has_line "W-1,WH1,1000,451,549"          # 300 + 1 + 150 reserved

# ---- alerts: a hold, a waiting approval and a backorder, by age as of 2026-03-10 ------------
run product.g product add G-9 --name Gizmo --price "1.00 EUR" --cost 0.10
run alert.held --date 2026-03-01 order place --customer C2 --line W-1:10
has "SO-2026-000005  on_credit_hold"
run alert.waiting --date 2026-03-02 order place --customer C1 --reference PO-9 --line W-1:300
has "SO-2026-000006  awaiting_approval"
run alert.short --date 2026-03-03 order place --customer C1 --reference PO-10 --line G-9:30
has "SO-2026-000007  open"
run alerts alerts --as-of 2026-03-10 --format csv
has "critical,on_hold_too_long,SO-2026-000005,9," \
  "critical,awaiting_approval_too_long,SO-2026-000006,8," "warning,backordered,SO-2026-000007/1,7,"
run alerts.patient alerts --as-of 2026-03-10 --hold-days 20 --approval-days 20 --format csv
lacks SO-2026-000005
lacks SO-2026-000006
has "warning,backordered,SO-2026-000007/1,7,"

# Fill and backorder rates count orders placed open (SO-2026-000003: 1 of 1 reserved;
# SO-2026-000007: 0 of 30): 1 / 31 = 3.23 % filled, 1 of 2 lines backordered.
run report.orders report orders --format csv
has_line "fill rate (stock at ordering),,3.23 %,"
has_line "backorder rate (lines),,50 %,"
has_line "placed to first shipment,0,n/a,n/a"

run audit audit verify
has "journal verified"
sqlite3 "$DB" "SELECT kind FROM journal WHERE document IN ('SO-2026-000001','SO-2026-000002') ORDER BY sequence" >"$OUT"
step=journal.kinds
has_line order.approval_requested
has_line order.approved
has_line order.approval_rejected
[[ $(grep -c '^config.set$' <(sqlite3 "$DB" "SELECT kind FROM journal")) -eq 3 ]] || fail "want 3 config.set events"
sqlite3 "$DB" "SELECT payload FROM journal WHERE kind = 'order.placed' AND document = 'SO-2026-000001'" >"$OUT"
step=journal.placed
has '"channel":"api"' '"po_number":"PO-1"' '"gross":"2856.00 EUR"'
echo "ok   $step"
echo "PASS: order rules and approvals"
