#!/usr/bin/env bash
# The pricing engine through the o2c command line: price rules loaded with `config
# price-rules` (a bad file is refused naming the field and line, and changes nothing),
# `price explain` showing every rule that made a price, an order placed with a coupon that is
# redeemed with it and refused the second time, the trace kept on the order (`order show`), a
# tax-exempt customer, a category promotion, a ship-to region's tax rate, and bad input
# (unknown customer or SKU, expired coupon) refused with one line and the database unchanged.
# Amounts are exact.
#
# usage: pricing_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: pricing_test.sh path/to/o2c}
O2C_GLOBAL=(--date 2026-03-02)
source "$(dirname "$0")/lib.sh"

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run warehouse.add warehouse add WH1 --name Main
run customer.c1 customer add C1 --name "Alpha GmbH" --credit-limit 10000.00 --segment retail
has "customer C1 added: Alpha GmbH, EUR, NET30, credit limit 10000.00 EUR"
run customer.ex customer add EX --name "Charity e.V." --credit-limit 10000.00 --tax-exempt
has "customer EX added: Charity e.V., EUR, NET30, credit limit 10000.00 EUR, tax-exempt"
run customer.us customer add US1 --name "Beta Inc" --currency USD --credit-limit 10000.00 \
  --street "1 Market St" --city "San Francisco" --postal-code 94105 --country US --region CA
run product.w product add W-100 --name Widget --price "19.99 EUR" --price "24.00 USD" --cost 8.00 \
  --category tools
run product.g product add G-200 --name Gadget --price "5.00 EUR" --cost 4.50
run product.list product list --format csv
has_line "W-100,Widget,EA,standard,tools,\"19.99 EUR, 24.00 USD\",8.00 EUR"
run stock.w stock receive W-100 --warehouse WH1 --qty 100
run stock.g stock receive G-200 --warehouse WH1 --qty 100

cat >"$WORK/prices.toml" <<'TOML'
[policy]
stacking = "best_price"
max_discount_percent = "30"
min_margin_percent = "10"

[[price_lists]]
id = "eur-retail"
currency = "EUR"
segment = "retail"
prices = [{ sku = "W-100", tiers = [{ min_qty = 1, price = "18.00" },
                                    { min_qty = 10, price = "16.00" }] }]

[[promotions]]
id = "spring-tools"
kind = "percent_off"
percent = "10"
category = "tools"
valid_from = 2026-03-01
valid_to = 2026-05-31

[[promotions]]
id = "welcome"
kind = "amount_off"
amount = "20.00"
currency = "EUR"
per = "line"

[[coupons]]
code = "WELCOME20"
promotion = "welcome"
single_use = true

[[coupons]]
code = "ONCE"
promotion = "welcome"
single_use = true

[[coupons]]
code = "XMAS"
promotion = "welcome"
valid_to = 2025-12-31

[[tax_rates]]
id = "de-standard"
category = "standard"
country = "DE"
percent = "19"

[[tax_rates]]
id = "us-ca"
category = "standard"
country = "US"
region = "CA"
percent = "7.25"
TOML
cat >"$WORK/bad.toml" <<'TOML'
[[price_lists]]
id = "eur-default"
currency = "EUR"
prices = [{ sku = "W-100", price = 12.5 }]
TOML
printf '[[price_lists]]\nid = "x"\ncurrency = "EUR"\nprices = [\n' >"$WORK/broken.toml"

# ---- bad rules files are refused naming the field and line; nothing is stored -------------
refused config.float "price_lists[0].prices[0].price, line 4" config price-rules "$WORK/bad.toml"
grep -qF "write it as a string" "$ERR" || fail "config.float: the error does not say how to fix it"
refused config.syntax "broken.toml" config price-rules "$WORK/broken.toml"
refused config.missing "no-such.toml" config price-rules "$WORK/no-such.toml"
refused explain.no_rules "no price rules are configured" price explain --customer C1 --sku W-100 --qty 1

run config.set config price-rules "$WORK/prices.toml"
has_line "price-rules set from $WORK/prices.toml"
run config.show config show
has "# price rules (8 rules)" 'id = "spring-tools"'

# ---- price explain: 12 × 16.00 (tier from 10) = 192.00, 10 % off tools = 172.80, tax 32.83
run explain price explain --customer C1 --sku W-100 --qty 12
has_line "line 1: W-100 qty 12 for C1 (segment retail) on 2026-03-02 in EUR, price from segment_list"
has_line "  1. segment_list_price eur-retail: unit price 16.00 EUR (quantity tier from 10), catalog price 19.99 EUR"
has_line "  2. percent_off spring-tools: 10 % off, 192.00 -> 172.80 EUR"
has_line "  3. tax de-standard: 19 % of 172.80 = 32.83 EUR (rounded per line)"
has_line "unit price   16.00 EUR"
has_line "net         172.80 EUR"
has_line "tax          32.83 EUR  (19 %)"
has_line "total       205.63 EUR"
# Another date is another price: before spring, no promotion (192.00, tax 36.48).
# (--date is the global business date; given after the command, it still applies.)
O2C_GLOBAL=()
run explain.date price explain --customer C1 --sku W-100 --qty 12 --date 2026-02-27
O2C_GLOBAL=(--date 2026-03-02)
has_line "net         192.00 EUR"
lacks "spring-tools"
# A coupon: 20.00 off beats 10 % (19.20) on 12 × 16.00: 172.00, tax 32.68; nothing is redeemed.
run explain.coupon price explain --customer C1 --sku W-100 --qty 12 --coupon WELCOME20
has "amount_off welcome (coupon WELCOME20): 20.00 EUR off, 192.00 -> 172.00 EUR" \
  "promotion_not_applied spring-tools"
has_line "net         172.00 EUR"
# The margin floor: G-200 costs 4.50, floor 4.95 is above its 5.00 - 20.00 coupon.
run explain.margin price explain --customer C1 --sku G-200 --qty 1 --coupon WELCOME20
# 20.00 off takes it to 0.00; the 30 % cap brings it back to 3.50, the margin guard to 4.95.
has "discount_cap max_discount_percent: discounts capped at 30 % of the base amount, net 0.00 -> 3.50 EUR" \
  "margin_guard min_margin_percent: net kept at the margin floor (standard cost + 10 %), 3.50 -> 4.95 EUR" \
  "margin discount_limited"
has_line "net         4.95 EUR"
# Tax-exempt: 19.99 catalog price (no list for the default segment), less 10 %: 17.99, no tax.
run explain.exempt price explain --customer EX --sku W-100 --qty 1
has "tax_exempt: the customer is tax-exempt"
has_line "tax          0.00 EUR  (0 %)"
# California: 24.00 USD catalog less 10 % = 21.60 USD; 7.25 % = 1.566 -> 1.57
run explain.ca price explain --customer US1 --sku W-100 --qty 1
has_line "tax          1.57 USD  (7.25 %)"

# ---- bad input: one clear line, nothing written ---------------------------------------------
refused explain.customer "no customer with number 'C9' (at --customer)" price explain --customer C9 --sku W-100 --qty 1
refused explain.sku "no product with SKU 'NOPE' (at --sku)" price explain --customer C1 --sku NOPE --qty 1
refused explain.qty "quantity" price explain --customer C1 --sku W-100 --qty -1
refused explain.expired "coupon 'XMAS' has expired" price explain --customer C1 --sku W-100 --qty 1 --coupon XMAS
refused order.expired "coupon 'XMAS' has expired" order place --customer C1 --line W-100:1 --coupon XMAS
refused order.unknown "coupon 'NOPE' is not known" order place --customer C1 --line W-100:1 --coupon NOPE
refused order.discount "an order discount cannot be combined with price rules" order place --customer C1 --line W-100:1 --discount 5

# ---- an order with a coupon: redeemed with it, its trace kept --------------------------------
run order.place order place --customer C1 --line W-100:12 --coupon WELCOME20
has "SO-2026-000001  open" "coupons: WELCOME20 (redeemed)" "net 172.00  tax 32.68  total 204.68 EUR"
refused order.reuse "coupon 'WELCOME20' is single-use and has already been redeemed" order place --customer C1 --line W-100:1 --coupon WELCOME20
run order.show order show SO-2026-000001
has "line 1 W-100 priced by:" \
  "1. segment_list_price eur-retail: unit price 16.00 EUR (quantity tier from 10), catalog price 19.99 EUR" \
  "2. promotion_not_applied spring-tools: not applied, a better promotion won (it would have given 192.00 -> 172.80 EUR)" \
  "3. amount_off welcome (coupon WELCOME20): 20.00 EUR off, 192.00 -> 172.00 EUR" \
  "= base 192.00 - discount 20.00 = net 172.00 + tax 32.68; margin ok"
run order.us order place --customer US1 --line W-100:1 --ship-to-line "1 Broadway" \
  --ship-to-city "New York" --ship-to-postal-code 10004 --ship-to-country US --ship-to-region CA
has "ship to: 1 Broadway, 10004 New York, US-CA" "net 21.60  tax 1.57  total 23.17 USD"
refused order.region "--ship-to-region needs the four other" order place --customer US1 --line W-100:1 --ship-to-region NY

# The invoice carries the order's amounts.
run ship ship SO-2026-000001
has "INV-2026-000001"
run invoice.show invoice show INV-2026-000001
has "net 172.00  tax 32.68  total 204.68"

# ---- cancelling gives the coupon back ---------------------------------------------------------
run order.place.2 order place --customer EX --line G-200:10 --coupon ONCE
has "SO-2026-000003  open" "coupons: ONCE (redeemed)"
refused order.once "coupon 'ONCE' is single-use and has already been redeemed" order place --customer C1 --line G-200:10 --coupon ONCE
run cancel order cancel SO-2026-000003 --reason "ordered twice"
run cancelled order show SO-2026-000003
has "SO-2026-000003  cancelled" "coupons: ONCE"
lacks "ONCE (redeemed)"
run order.place.3 order place --customer C1 --line G-200:10 --coupon ONCE
has "SO-2026-000004  open" "coupons: ONCE (redeemed)"

# ---- rules cleared: list prices and the tax table again ---------------------------------------
run config.clear config price-rules --clear
has_line "price-rules cleared"
refused order.no_rules "no price rules are configured" order place --customer C1 --line W-100:1 --coupon WELCOME20
run audit audit verify
echo "pricing test passed"
