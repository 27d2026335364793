#!/usr/bin/env bash
# Generates every sample document (tests/einvoice/samples.cc) as UBL and PDF, and
#  - runs the official validator (XSD + EN 16931 schematron) on each UBL file: all must pass;
#  - runs it on the standards' deliberately broken self-test file: it must fail (so a
#    validator that accepts everything cannot make this test pass);
#  - checks with pdftotext that each PDF states its number, totals, VAT summary and IBAN.
# Usage: validate_samples.sh WRITE_SAMPLES_BINARY STANDARDS_DIR
set -u
writer="$1"
standards="$2"
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$standards/validate-ubl.sh" ] ||
  fail "no validator at $standards/validate-ubl.sh (set -DO2C_STANDARDS_DIR=…/shared/standards)"
command -v pdftotext >/dev/null || fail "pdftotext not found (apt-get install poppler-utils)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$writer" "$work" >"$work/names" || fail "writing the samples failed"
[ "$(wc -l <"$work/names")" -ge 8 ] || fail "expected at least 8 samples"

# Saxon takes ~2 s a run: two validations at a time.
status=0
while read -r name; do echo "$name"; done <"$work/names" |
  xargs -P 2 -I{} sh -c '"$1/validate-ubl.sh" --quiet "$2/{}.xml" >"$2/{}.log" 2>&1; echo $? >"$2/{}.rc"' \
    _ "$standards" "$work"
while read -r name; do
  if [ "$(cat "$work/$name.rc")" != 0 ]; then
    echo "INVALID $name.xml:"; cat "$work/$name.log"; sed -n '1,400p' "$work/$name.xml"; status=1
  else
    echo "valid   $name.xml"
  fi
done <"$work/names"
if "$standards/validate-ubl.sh" --quiet "$standards/selftest/invoice-broken-totals.xml" >/dev/null 2>&1; then
  fail "the validator accepted the broken self-test file"
fi

# Codes that must be in the XML (not only valid, but what we meant).
grep -q '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>' "$work/credit_note.xml" || fail "credit note type"
grep -q '<cbc:ID>INV-2026-000001</cbc:ID>' "$work/credit_note.xml" || fail "credit note billing reference"
grep -q '<cbc:InvoiceTypeCode>383</cbc:InvoiceTypeCode>' "$work/debit_note.xml" || fail "debit note type"
grep -q '<cbc:ID>E</cbc:ID>' "$work/exempt_buyer.xml" || fail "exempt category"
grep -q '<cbc:ID>Z</cbc:ID>' "$work/zero_rated.xml" || fail "zero rated category"
grep -q '<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>' "$work/foreign_currency_usd.xml" || fail "USD"
grep -q '<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>' "$work/foreign_currency_usd.xml" || fail "tax currency"
grep -q 'AllowanceChargeReasonCode>95<' "$work/discounts_and_rates.xml" || fail "line allowance"

# PDFs: number, totals, VAT summary and IBAN as text.
check_pdf() { # name, then strings that must appear
  local name="$1"; shift
  pdftotext -layout "$work/$name.pdf" "$work/$name.txt" || fail "pdftotext $name.pdf"
  for want in "$@"; do
    grep -qF -- "$want" "$work/$name.txt" || { echo "--- $name.txt"; cat "$work/$name.txt"; fail "$name.pdf lacks '$want'"; }
  done
}
# discounts_and_rates: net 858.74, VAT 160.62 (19 %) + 0.94 (7 %), total 1,020.30 EUR.
payable="$(xmllint --xpath "string(//*[local-name()='PayableAmount'])" "$work/discounts_and_rates.xml")"
[ "$payable" = "1020.30" ] || fail "discounts_and_rates.xml payable $payable, want 1020.30"
check_pdf discounts_and_rates "INV-2026-000001" "VAT summary" "DE89370400440532013000" \
  "Müller & Söhne GmbH" "Nordwind Handels GmbH" "Total due" "1,020.30 EUR" "858.74 EUR" \
  "160.62" "845.34" "Fräser Ø 12 mm" "74.70"
check_pdf credit_note "Credit note for invoice INV-2026-000001" "CN-2026-000001" "Total credited"
check_pdf exempt_buyer "exempt" "Kirchengemeinde St. Jürgen e.V."
check_pdf early_payment_many_lines "Early payment discount: 2 %" "Page 3 of" "W-220"
check_pdf foreign_currency_usd "USD" "VAT in EUR"
exit $status
