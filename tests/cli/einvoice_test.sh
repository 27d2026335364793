#!/usr/bin/env bash
# Invoices as documents, on a real database: the seller set with `config company` (bad input
# refused, nothing stored), invoices of a discounted two-rate order, a zero-rated line and a
# USD customer, each written as UBL (accepted by the official validator: XSD + EN 16931) and
# as PDF (pdftotext finds the number, totals, VAT summary and IBAN), the bulk form, and the
# errors: unknown invoice, no company yet, --all without --dir.
#
# usage: einvoice_test.sh path/to/o2c path/to/shared/standards
set -euo pipefail

O2C=${1:?usage: einvoice_test.sh path/to/o2c path/to/standards}
STANDARDS=${2:?usage: einvoice_test.sh path/to/o2c path/to/standards}
source "$(dirname "$0")/lib.sh"
[[ -x $STANDARDS/validate-ubl.sh ]] || fail "no validator at $STANDARDS/validate-ubl.sh"
command -v pdftotext >/dev/null || fail "pdftotext not found (apt-get install poppler-utils)"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.standard tax set standard 19
run tax.reduced tax set reduced 7
run tax.zero tax set zero 0
run warehouse warehouse add WH1 --name Hamburg
run customer.C1 customer add C1 --name "Müller & Söhne GmbH" --currency EUR --terms NET30 \
  --credit-limit 100000.00 --street "Königsallee 5" --city Düsseldorf --postal-code 40212 \
  --country DE --email einkauf@mueller.example
run customer.C3 customer add C3 --name "Lakeside Tools Inc." --currency USD --terms NET14 \
  --credit-limit 100000.00 --street "200 Lake Shore Dr" --city Chicago --postal-code 60601 \
  --country US
run fx.usd --date 2026-01-01 fx set USD 1.0854
run product.W product add W-100 --name "Widget, stainless" --price "19.99 EUR" --price "21.50 USD" --cost 8.00
run product.B product add B-1 --name "Fräser Ø 12 mm" --price "12.00 EUR" --cost 5.00 --tax reduced
run product.Z product add Z-1 --name "Printed catalogue" --price "3.00 EUR" --cost 1.00 --tax zero
run stock.W stock receive W-100 --warehouse WH1 --qty 100
run stock.B stock receive B-1 --warehouse WH1 --qty 100
run stock.Z stock receive Z-1 --warehouse WH1 --qty 100

# 3 × 19.99 = 59.97 less 10 % = 53.97 (tax 10.25); 2 × 12.00 = 24.00 (7 %: 1.68); 1 × 3.00 at 0 %.
# net 80.97, tax 11.93, total 92.90.
run order.1 --date 2026-03-02 order place --customer C1 --line W-100:3:10% --line B-1:2 --line Z-1:1
run ship.1 --date 2026-03-03 ship SO-2026-000001
has "INV-2026-000001"
# 4 × 21.50 = 86.00 USD, tax 16.34, total 102.34 USD.
run order.2 --date 2026-03-04 order place --customer C3 --line W-100:4
run ship.2 --date 2026-03-05 ship SO-2026-000002
has "INV-2026-000002"

refused pdf.no_company "set the seller with \`o2c config company …\` first" \
  invoice pdf INV-2026-000001 --out "$WORK/x.pdf"
refused ubl.no_company "set the seller with" invoice ubl --all --dir "$WORK"
[[ ! -e $WORK/x.pdf ]] || fail "a PDF was written without a company"

company=(config company --name "Nordwind Handels GmbH" --street "Hafenstraße 12" --city Hamburg
  --postal-code 20457 --vat-id DE123456789 --bic COBADEFFXXX --email rechnung@nordwind.example)
refused company.iban "IBAN 'DE88370400440532013000' fails the ISO 13616 mod-97 check (at --iban)" \
  "${company[@]}" --country DE --iban "DE88 3704 0044 0532 0130 00"
refused company.country "is not an ISO 3166 two-letter code (at --country)" \
  "${company[@]}" --country DEU --iban DE89370400440532013000
refused company.name "must not be empty (at --name)" \
  config company --name "" --street s --city c --postal-code 1 --country DE --vat-id DE123456789
run config.show.none config show
has "# company (o2c config company)"
run company "${company[@]}" --country de --iban "DE89 3704 0044 0532 0130 00"
has_line "company set: Nordwind Handels GmbH"
run config.show config show
has_line "iban = DE89370400440532013000" && has_line "country = DE" && has_line "vat_id = DE123456789"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'config.company'") == 1 ]] ||
  fail "config.company not journaled once"

run invoice.show invoice show INV-2026-000001
has "tax summary"
has "net 80.97  tax 11.93  total 92.90"
grep -Eq '^ *S +19 +53\.97 +10\.25 *$' "$OUT" || fail "tax summary: S 19 % row"
grep -Eq '^ *S +7 +24\.00 +1\.68 *$' "$OUT" || fail "tax summary: S 7 % row"
grep -Eq '^ *Z +0 +3\.00 +0\.00 *$' "$OUT" || fail "tax summary: Z row"

refused ubl.unknown "no invoice with number 'INV-2026-999999'" invoice ubl INV-2026-999999
refused ubl.both "give an invoice number or --all, not both" invoice ubl INV-2026-000001 --all --dir "$WORK"
refused ubl.nodir "--all writes into a directory: give --dir" invoice ubl --all
refused ubl.baddate "'2026-13-01' is not a calendar date (at --from)" invoice pdf --all --dir "$WORK" --from 2026-13-01

# ---- UBL: through the official validator -------------------------------------------------------
for n in 1 2; do
  run ubl.$n invoice ubl INV-2026-00000$n --out "$WORK/inv$n.xml"
  has "wrote $WORK/inv$n.xml"
done
grep -q '<cbc:PayableAmount currencyID="EUR">92.90</cbc:PayableAmount>' "$WORK/inv1.xml" || fail "inv1 total"
grep -q 'AllowanceChargeReasonCode>95<' "$WORK/inv1.xml" || fail "inv1 discount allowance"
grep -q '<cbc:Amount currencyID="EUR">6.00</cbc:Amount>' "$WORK/inv1.xml" || fail "inv1 allowance 6.00"
grep -q '<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>' "$WORK/inv2.xml" || fail "inv2 USD"
grep -q '<cbc:PayableAmount currencyID="USD">102.34</cbc:PayableAmount>' "$WORK/inv2.xml" || fail "inv2 total"
for n in 1 2; do
  "$STANDARDS/validate-ubl.sh" --quiet "$WORK/inv$n.xml" >"$WORK/v$n.log" 2>&1 &
done
for n in 1 2; do
  wait -n || { cat "$WORK"/v*.log; fail "the validator refused a generated invoice"; }
done
echo "ok   ubl.validated (XSD + EN 16931)"

# ---- credit and debit notes from o2c's own documents: through the validator too -----------------
# One unit of line 1 back, and 5.00 more on the USD invoice (debit note, INV-2026-000003).
run credit.1 --date 2026-03-10 credit-note create --invoice INV-2026-000001 --line 1:1 \
  --cause return --reason "damaged in transit"
has "CN-2026-000001"
run debit.1 --date 2026-03-11 debit-note create --invoice INV-2026-000002 --amount 5.00 \
  --reason "freight under-charged"
has "debit note for INV-2026-000002"
run ubl.cn invoice ubl CN-2026-000001 --out "$WORK/cn1.xml"
run ubl.dn invoice ubl INV-2026-000003 --out "$WORK/dn1.xml"
grep -q '<CreditNote ' "$WORK/cn1.xml" || grep -q ':CreditNote ' "$WORK/cn1.xml" || fail "cn1 is not a CreditNote"
grep -q '<cbc:ID>INV-2026-000001</cbc:ID>' "$WORK/cn1.xml" || fail "cn1 does not refer to its invoice"
grep -q 'InvoiceTypeCode>383<' "$WORK/dn1.xml" || fail "dn1 is not a debit note (383)"
for doc in cn1 dn1; do
  "$STANDARDS/validate-ubl.sh" --quiet "$WORK/$doc.xml" >"$WORK/v-$doc.log" 2>&1 ||
    { cat "$WORK/v-$doc.log"; fail "the validator refused $doc"; }
done
echo "ok   ubl.credit_and_debit_notes_validated"
refused ubl.cn_unknown "no credit note with number 'CN-2026-999999'" invoice ubl CN-2026-999999

# ---- PDF: the text a person reads ------------------------------------------------------------
run pdf.1 invoice pdf INV-2026-000001 --out "$WORK/inv1.pdf"
pdftotext -layout "$WORK/inv1.pdf" "$WORK/inv1.txt"
for want in "INV-2026-000001" "Müller & Söhne GmbH" "Nordwind Handels GmbH" "Hafenstraße 12" \
  "Fräser Ø 12 mm" "92.90 EUR" "80.97 EUR" "VAT summary" "DE89370400440532013000" \
  "COBADEFFXXX" "SO-2026-000001" "Due date" "2026-04-02" "Page 1 of 1"; do
  grep -qF -- "$want" "$WORK/inv1.txt" || { cat "$WORK/inv1.txt"; fail "pdf lacks '$want'"; }
done
echo "ok   pdf.text"

# ---- bulk ------------------------------------------------------------------------------------
mkdir "$WORK/all"
step=bulk
"$O2C" --db "$DB" invoice pdf --all --dir "$WORK/all" >"$OUT" 2>"$ERR" || fail "bulk pdf exited $?"
# the two invoices and the debit note (INV-2026-000003)
has "wrote 3 invoices to $WORK/all"
grep -q "pdf 100% 3/3" "$ERR" || fail "bulk: no progress on stderr"
[[ -s $WORK/all/INV-2026-000001.pdf && -s $WORK/all/INV-2026-000002.pdf ]] || fail "bulk: files"
"$O2C" --db "$DB" invoice ubl --all --from 2026-03-05 --to 2026-03-10 --dir "$WORK/all" \
  >"$OUT" 2>"$ERR" || fail "bulk ubl exited $?"
has "wrote 1 invoice to $WORK/all"
[[ -s $WORK/all/INV-2026-000002.xml && ! -e $WORK/all/INV-2026-000001.xml ]] || fail "bulk ubl: date range"
echo "ok   bulk"
echo "PASS"
