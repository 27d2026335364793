#!/usr/bin/env bash
# Payments after receipt, on a real database: card payments through the sandbox gateway
# (approved, declined, a card number refused), the customer's credit balance, refunds and
# reversals, and SEPA direct debit — creditor and mandates (bad IBAN and creditor id refused,
# nothing stored), a collection written as pain.008.001.02 and checked by xmllint against the
# official XSD, and the same invoices never collected twice.
#
# usage: payments_test.sh path/to/o2c path/to/shared/standards
set -euo pipefail

O2C=${1:?usage: payments_test.sh path/to/o2c path/to/standards}
STANDARDS=${2:?usage: payments_test.sh path/to/o2c path/to/standards}
source "$(dirname "$0")/lib.sh"
XSD=$STANDARDS/iso20022/xsd/pain.008.001.02.xsd
[[ -f $XSD ]] || fail "no pain.008 schema at $XSD"
command -v xmllint >/dev/null || fail "xmllint not found (apt-get install libxml2-utils)"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
O2C_GLOBAL=(--date 2026-03-02)
run tax.standard tax set standard 19
run warehouse warehouse add WH1 --name Hamburg
run customer.C1 customer add C1 --name "Müller & Söhne GmbH" --currency EUR --terms NET30 \
  --credit-limit 100000.00
run customer.C2 customer add C2 --name "Berg AG" --currency EUR --terms NET30 --credit-limit 100000.00
run product product add W-100 --name Widget --price "100.00 EUR" --cost 40.00
run stock stock receive W-100 --warehouse WH1 --qty 100
for n in 1 2 3 4; do
  customer=C1
  [[ $n == 4 ]] && customer=C2
  run order.$n order place --customer $customer --line W-100:1
  run ship.$n ship SO-2026-00000$n
done

# ---- cards: configuration, a card number refused, declined, approved ------------------------
refused card.unconfigured "no card gateway is configured" \
  pay --customer C1 --card-token tok_visa --amount 119.00
refused gateway.unknown "is not a card gateway" config card-gateway stripe
run gateway config card-gateway sandbox
refused card.pan "looks like a card number" \
  pay --customer C1 --card-token "4242 4242 4242 4242" --amount 119.00
refused card.declined "card was declined" \
  pay --customer C1 --card-token tok_chargeDeclined --amount 119.00 --invoice INV-2026-000001
refused card.network "could not be reached" pay --customer C1 --card-token tok_networkError --amount 1.00
refused pay.negative "must be positive" pay --customer C1 --amount -5.00 --reference R0
refused pay.no_reference "--reference" pay --customer C1 --amount 5.00
run card.approved pay --customer C1 --card-token tok_visa --amount 150.00 --invoice INV-2026-000001
has "payment PAY-2026-000001 of 150.00 EUR from C1 by visa ending 4242" \
  "applied 119.00 EUR to INV-2026-000001" "unapplied 31.00 EUR"
run payment.show payment show PAY-2026-000001
has "status received" "card visa ending 4242 via sandbox charge ch_sandbox_"
lacks "4242424242424242"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM payment_cards WHERE last4 = '4242'") == 1 ]] \
  || fail "card details not stored"

# ---- balance and refunds ----------------------------------------------------------------------
run balance customer balance C1
has_line "C1        receivables          238.00  EUR"
has_line "C1        net balance          207.00  EUR"
has "unapplied cash        31.00"
refused balance.unknown "C9" customer balance C9
refused refund.too_much "exceeds the 31.00 EUR unapplied" \
  payment refund PAY-2026-000001 --amount 31.01 --reason "too much"
run refund payment refund PAY-2026-000001 --amount 11.00 --reason "overpaid"
has "refund RF-2026-000001 of 11.00 EUR from PAY-2026-000001 (card refund re_sandbox_"

# ---- reversal: a chargeback reopens the invoice ----------------------------------------------
refused reverse.reason "is not a reversal reason" payment reverse PAY-2026-000001 --reason fraud
O2C_GLOBAL=(--date 2026-03-05)
run reverse payment reverse PAY-2026-000001 --reason chargeback
has "payment PAY-2026-000001 reversed (chargeback)" \
  "reopened INV-2026-000001 by 119.00 EUR, now open" "unapplied cash reversed 20.00 EUR"
refused reverse.again "already reversed" \
  payment reverse PAY-2026-000001 --reason chargeback
run reconcile report subledger
has "0.00"

# ---- SEPA direct debit ----------------------------------------------------------------------
refused collect.no_creditor "set the creditor first" directdebit collect --date 2026-04-01
refused creditor.iban "--iban" config creditor --name "Acme GmbH" --iban DE89370400440532013001 \
  --bic COBADEFFXXX --creditor-id DE98ZZZ09999999999
refused creditor.id "fails the SEPA check" config creditor --name "Acme GmbH" \
  --iban DE89370400440532013000 --bic COBADEFFXXX --creditor-id DE97ZZZ09999999999
run creditor config creditor --name "Acme GmbH" --iban DE89370400440532013000 --bic COBADEFFXXX \
  --creditor-id DE98ZZZ09999999999
refused mandate.iban "mod-97" directdebit mandate add C1 --mandate-id M-001 \
  --iban DE21500500009876543211 --bic SPUEDE2UXXX --signed 2026-02-01
refused mandate.date "--signed" directdebit mandate add C1 --mandate-id M-001 \
  --iban DE21500500009876543210 --bic SPUEDE2UXXX --signed 2026-02-31
run mandate.C1 directdebit mandate add C1 --mandate-id M-001 --iban DE21500500009876543210 \
  --bic SPUEDE2UXXX --signed 2026-02-01
run mandate.C2 directdebit mandate add C2 --mandate-id M-002 --iban DE21500500001234567897 \
  --bic SPUEDE2UXXX --signed 2026-02-01
run mandate.list directdebit mandate list
has "M-001" "M-002" "active"
O2C_GLOBAL=(--date 2026-03-30)
run collect directdebit collect --date 2026-04-01 --out "$WORK/dd1.xml"
has "FRST INV-2026-000001 C1 119.00 EUR mandate M-001" "FRST INV-2026-000004 C2 119.00 EUR" \
  "DD-2026-000001: 4 collections, 476.00 EUR on 2026-04-01"
xmllint --noout --schema "$XSD" "$WORK/dd1.xml" 2>"$ERR" || fail "pain.008 fails the XSD"
echo "ok   collect.xsd ($(cat "$ERR"))"
grep -q "<NbOfTxs>4</NbOfTxs>" "$WORK/dd1.xml" || fail "group header count"
grep -q "<CtrlSum>476.00</CtrlSum>" "$WORK/dd1.xml" || fail "group header control sum"
run collect.again directdebit collect --date 2026-04-01 --out "$WORK/dd2.xml"
has "nothing to collect by 2026-04-01"
[[ ! -e $WORK/dd2.xml ]] || fail "a second file was written"
run mandate.revoke directdebit mandate revoke M-002
refused mandate.revoke_again "was revoked on" directdebit mandate revoke M-002

# a recurring collection on stdout, valid too
O2C_GLOBAL=(--date 2026-03-31)
run order.5 order place --customer C1 --line W-100:1
run ship.5 ship SO-2026-000005
run order.6 order place --customer C2 --line W-100:1
run ship.6 ship SO-2026-000006
O2C_GLOBAL=(--date 2026-04-30)
run collect.rcur directdebit collect --date 2026-04-30
has "RCUR INV-2026-000005 C1 119.00 EUR" "DD-2026-000002: 1 collections"
lacks "INV-2026-000006"
sed -n '/^<?xml/,$p' "$OUT" >"$WORK/dd3.xml"
xmllint --noout --schema "$XSD" "$WORK/dd3.xml" 2>"$ERR" || fail "RCUR pain.008 fails the XSD"
echo "ok   collect.rcur.xsd"

# a returned direct debit
O2C_GLOBAL=(--date 2026-04-06)
run dd.return payment reverse PAY-2026-000002 --reason direct_debit_return
has "reopened INV-2026-000001 by 119.00 EUR, now open"
run audit audit verify
echo "PASS"
