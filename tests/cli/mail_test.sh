#!/usr/bin/env bash
# Invoice e-mail through the o2c command line, against a real SMTP server on loopback
# (tests/cli/smtp_sink.py, aiosmtpd): the mail settings; invoices queued (once: again only
# with --resend), delivered and checked as they arrived — envelope, To, Subject, Date,
# Message-ID, the body's amount, due date and reference, and the attachment decoded to the
# exact bytes of the invoice's text rendering; the server down → the message stays queued
# with attempts 1 and a next attempt a minute later, is not retried before then, and is
# delivered exactly once when the server is back the next day; a refused recipient fails at
# once; eight failed attempts fail a message for good; `invoice send --unsent`. Bad input
# gives one error line naming what and where, and leaves the database byte-identical.
#
# usage: mail_test.sh path/to/o2c
set -euo pipefail

O2C=${1:?usage: mail_test.sh path/to/o2c}
source "$(dirname "$0")/lib.sh"
SINK_SCRIPT="$(cd "$(dirname "$0")" && pwd)/smtp_sink.py"

# Debian's python3 has python3-aiosmtpd; another python3 first on PATH (pyenv) may not.
PY=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import aiosmtpd' 2>/dev/null; then PY=$candidate; break; fi
done
[[ -n $PY ]] || { echo "FAIL: no python3 with aiosmtpd (apt-get install python3-aiosmtpd)"; exit 1; }

SINK_DIR="$WORK/sink"
mkdir -p "$SINK_DIR"
SINK_PID=""
PORT=0
stop_sink() {
  if [[ -n $SINK_PID ]]; then
    kill "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
    SINK_PID=""
  fi
}
trap 'stop_sink; rm -rf "$WORK"' EXIT
# start_sink [PORT]: the server on PORT (default: a free one), waits until it listens.
start_sink() {
  rm -f "$SINK_DIR/port"
  "$PY" "$SINK_SCRIPT" "$SINK_DIR" "${1:-0}" >>"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 300); do
    [[ -f $SINK_DIR/port ]] && break
    kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/sink.log" >&2; fail "the SMTP sink did not start"; }
    sleep 0.1
  done
  [[ -f $SINK_DIR/port ]] || fail "the SMTP sink did not listen within 30 s"
  PORT=$(cat "$SINK_DIR/port")
  echo "ok   SMTP sink listening on 127.0.0.1:$PORT"
}
arrived() { find "$SINK_DIR" -name '*.eml' | wc -l; }
# check_mail N PYTHON: runs PYTHON with `m` = message N as parsed by Python's email package,
# `rcpt` = its envelope recipients; an AssertionError fails the test.
check_mail() {
  local number=$1 code=$2
  step="mail $number as received"
  "$PY" - "$SINK_DIR/$number.eml" "$SINK_DIR/$number.rcpt" >"$OUT" 2>"$ERR" <<PYTHON || fail "$step"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
rcpt = open(sys.argv[2]).read().split()
$code
PYTHON
  echo "ok   $step"
}

step=init
"$O2C" init "$DB" >"$OUT" 2>"$ERR" || fail "init exited $?"
run tax.set tax set standard 19
run warehouse.add warehouse add WH1 --name Main
run customer.c1 customer add C1 --name "Nordwind GmbH" --credit-limit 50000.00 --email ap@nordwind.example
run customer.c2 customer add C2 --name "Soleil SA" --credit-limit 50000.00
run product.add product add W-1 --name Widget --price "33.33 EUR" --cost 10.00
run stock.receive stock receive W-1 --warehouse WH1 --qty 100
# ship_order CUSTOMER QTY: places and ships an order on 2026-03-02 (one invoice each).
orders=0
ship_order() {
  orders=$((orders + 1))
  local so
  so=$(printf 'SO-2026-%06d' "$orders")
  run "order.$orders" --date 2026-03-02 order place --customer "$1" --line "W-1:$2"
  run "ship.$orders" --date 2026-03-02 ship "$so"
}
ship_order C1 3   # INV-2026-000001: 3 × 33.33 = 99.99 + 19.00 tax = 118.99
ship_order C2 1   # INV-2026-000002: 33.33 + 6.33 = 39.66
ship_order C1 1   # INV-2026-000003
ship_order C1 2   # INV-2026-000004
has "INV-2026-000004"

# ---- settings ------------------------------------------------------------------------------
refused send.unconfigured "no company name to send invoices from" invoice send INV-2026-000001
refused config.nothing "give --smtp, --from or --company" config mail
refused config.bad_url "'http://mail.example.com' is not an SMTP server URL" config mail --smtp http://mail.example.com
refused config.bad_url_where "(at --smtp)" config mail --smtp smtp://
refused config.bad_from "'billing' is not an e-mail address (at --from)" config mail --from billing
refused config.two_from "the sender is one address (at --from)" config mail --from "a@x.example, b@x.example"
refused config.bad_company "the company name must be 1-200 bytes on one line (at --company)" config mail --company ""
run config.company config mail --company "Acme Supplies"
has_line "mail: smtp (none), from (none), company Acme Supplies"

# ---- queueing --------------------------------------------------------------------------------
refused send.no_email "customer C2 (Soleil SA) has no e-mail address for invoice INV-2026-000002" invoice send INV-2026-000002
refused send.no_email_where "(at customer.email)" invoice send INV-2026-000002
refused send.unknown "invoice INV-2026-000099 does not exist (at invoice)" invoice send INV-2026-000099
refused send.bad_to "'not-an-address' is not an e-mail address (at --to)" invoice send INV-2026-000001 --to not-an-address
refused send.injection "is not an e-mail address (at --to)" invoice send INV-2026-000001 --to $'a@x.example\r\nBcc: z@x.example'
refused send.both "give invoice numbers or --unsent, not both" invoice send INV-2026-000001 --unsent
refused send.neither "give invoice numbers or --unsent, not both" invoice send
refused send.unsent_to "--unsent sends to each customer's address" invoice send --unsent --to a@x.example
refused list.bad_status "mail status 'delivered' is not one of queued, sent, failed (at --status)" mail list --status delivered

run send --date 2026-03-02 invoice send INV-2026-000001
has_line "INV-2026-000001 queued as message 1 to ap@nordwind.example"
run send.again --date 2026-03-02 invoice send INV-2026-000001
has_line "INV-2026-000001 already queued as message 1 (queued); nothing queued — --resend to send it again"
run list.queued mail list --format csv
has_line "1,INV-2026-000001,ap@nordwind.example,queued,0,2026-03-02 12:00Z,,"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM outbox_messages") == 1 ]] || fail "send.again queued a second message"

refused deliver.unconfigured "no SMTP server or sender; set them with o2c config mail" --date 2026-03-02 mail deliver

# ---- delivery to a real SMTP server ---------------------------------------------------------
start_sink
run config.smtp config mail --smtp "smtp://127.0.0.1:$PORT" --from billing@acme.example
has_line "mail: smtp smtp://127.0.0.1:$PORT, from billing@acme.example, company Acme Supplies"
run deliver --date 2026-03-02 mail deliver
has_line "[1/1] message 1 INV-2026-000001: sent to ap@nordwind.example"
has_line "sent 1, retry later 0, failed 0"
[[ $(arrived) == 1 ]] || fail "deliver: want 1 message at the server, found $(arrived)"
check_mail 1 '
assert rcpt == ["ap@nordwind.example"], rcpt
assert m["To"] == "ap@nordwind.example", m["To"]
assert m["From"] == "billing@acme.example", m["From"]
assert m["Subject"] == "Invoice INV-2026-000001 from Acme Supplies", m["Subject"]
assert m["Date"] == "Mon, 02 Mar 2026 12:00:00 +0000", m["Date"]
assert m["Message-ID"] == "<o2c-outbox-1.INV-2026-000001@acme.example>", m["Message-ID"]
assert m.get_content_type() == "multipart/mixed"
body = m.get_body(preferencelist=("plain",)).get_content()
for line in ["Dear Nordwind GmbH,", "Invoice total:     118.99 EUR", "Amount due:        118.99 EUR",
             "Due date:          2026-04-01 (terms NET30)", "Payment reference: INV-2026-000001"]:
    assert line in body.splitlines(), (line, body)
files = list(m.iter_attachments())
assert len(files) == 1, files
f = files[0]
assert f.get_filename() == "INV-2026-000001.txt", f.get_filename()
assert f.get_content_type() == "text/plain", f.get_content_type()
assert f["Content-Transfer-Encoding"] == "base64"
expected = (b"INVOICE INV-2026-000001\nInvoice date: 2026-03-02\nDue date:     2026-04-01\n"
            b"Customer:     C1\nOrder:        SO-2026-000001\nShipment:     SH-2026-000001\n\n"
            b"1. W-1  Widget\n   3 x 33.33  net 99.99  tax 19 % 19.00\n"
            b"\nNet total:   99.99 EUR\nTax total:   19.00 EUR\nGross total: 118.99 EUR\n")
assert f.get_payload(decode=True) == expected, f.get_payload(decode=True)
'
run deliver.nothing_due --date 2026-03-02 mail deliver
has_line "sent 0, retry later 0, failed 0"
[[ $(arrived) == 1 ]] || fail "deliver.nothing_due: a sent message went out again"
run list.sent mail list --status sent --format csv
has_line "1,INV-2026-000001,ap@nordwind.example,sent,1,,2026-03-02 12:00Z,"
run send.after_sent invoice send INV-2026-000001
has_line "INV-2026-000001 already queued as message 1 (sent); nothing queued — --resend to send it again"
run resend --date 2026-03-02 invoice send INV-2026-000001 --resend --to "cfo@nordwind.example, ap@nordwind.example"
has_line "INV-2026-000001 queued as message 2 to cfo@nordwind.example, ap@nordwind.example"
run deliver.resend --date 2026-03-02 mail deliver
has_line "sent 1, retry later 0, failed 0"
check_mail 2 '
assert rcpt == ["cfo@nordwind.example", "ap@nordwind.example"], rcpt
assert m["To"] == "cfo@nordwind.example, ap@nordwind.example", m["To"]
assert m["Message-ID"] == "<o2c-outbox-2.INV-2026-000001@acme.example>", m["Message-ID"]
'

# ---- the server down: retry later, then exactly once ----------------------------------------
stop_sink
run send.3 --date 2026-03-02 invoice send INV-2026-000003
has_line "INV-2026-000003 queued as message 3 to ap@nordwind.example"
run deliver.down --date 2026-03-02 mail deliver
has "[1/1] message 3 INV-2026-000003: attempt 1 failed, next at 2026-03-02 12:01Z: SMTP smtp://127.0.0.1:$PORT"
has_line "sent 0, retry later 1, failed 0"
run list.retry mail list --status queued --format csv
has "3,INV-2026-000003,ap@nordwind.example,queued,1,2026-03-02 12:01Z,,SMTP smtp://127.0.0.1:$PORT: "
[[ $(sqlite3 "$DB" "SELECT status, attempts, next_attempt_at - queued_at, sent_at IS NULL FROM outbox_messages WHERE id = 3") == "queued|1|60000000|1" ]] \
  || fail "deliver.down: message 3 is not queued with attempts 1 and a next attempt a minute on"
run deliver.not_due --date 2026-03-02 mail deliver   # 12:00 < 12:01: not yet
has_line "sent 0, retry later 0, failed 0"
start_sink "$PORT"
run deliver.back --date 2026-03-03 mail deliver
has_line "[1/1] message 3 INV-2026-000003: sent to ap@nordwind.example"
has_line "sent 1, retry later 0, failed 0"
run deliver.back_again --date 2026-03-04 mail deliver --now
has_line "sent 0, retry later 0, failed 0"
step="delivered exactly once"
[[ $(grep -l "Subject: Invoice INV-2026-000003 from Acme Supplies" "$SINK_DIR"/*.eml | wc -l) == 1 ]] \
  || fail "INV-2026-000003 did not arrive exactly once"
[[ $(arrived) == 3 ]] || fail "want 3 messages at the server, found $(arrived)"
check_mail 3 '
assert m["Subject"] == "Invoice INV-2026-000003 from Acme Supplies", m["Subject"]
assert m["Date"] == "Tue, 03 Mar 2026 12:00:00 +0000", m["Date"]
assert [f.get_filename() for f in m.iter_attachments()] == ["INV-2026-000003.txt"]
'
run list.sent3 mail list --status sent --format csv
has "3,INV-2026-000003,ap@nordwind.example,sent,2,,2026-03-03 12:00Z,"

# ---- a refused recipient fails at once -------------------------------------------------------
run send.refused --date 2026-03-03 invoice send INV-2026-000002 --to nobody@soleil.example
run deliver.refused --date 2026-03-03 mail deliver
has "[1/1] message 4 INV-2026-000002: failed after 1 attempt: SMTP smtp://127.0.0.1:$PORT: server replied 550"
has_line "sent 0, retry later 0, failed 1"
run list.failed mail list --status failed --format csv
has "4,INV-2026-000002,nobody@soleil.example,failed,1,,,SMTP smtp://127.0.0.1:$PORT: server replied 550"

# ---- eight failed attempts fail a message for good --------------------------------------------
stop_sink
run send.4 --date 2026-03-03 invoice send INV-2026-000004
for attempt in 1 2 3 4 5 6 7; do
  run "deliver.attempt$attempt" --date 2026-03-03 mail deliver --now
  has_line "sent 0, retry later 1, failed 0"
done
run deliver.attempt8 --date 2026-03-03 mail deliver --now
has "message 5 INV-2026-000004: failed after 8 attempts: SMTP smtp://127.0.0.1:$PORT"
has_line "sent 0, retry later 0, failed 1"
run deliver.after_failed --date 2026-03-03 mail deliver --now
has_line "sent 0, retry later 0, failed 0"
[[ $(sqlite3 "$DB" "SELECT status, attempts FROM outbox_messages WHERE id = 5") == "failed|8" ]] \
  || fail "message 5 is not failed after 8 attempts"

# ---- every invoice not queued yet ---------------------------------------------------------------
ship_order C1 1   # INV-2026-000005
ship_order C2 1   # INV-2026-000006: C2 has no e-mail
step=send.unsent
if "$O2C" --db "$DB" --date 2026-03-04 invoice send --unsent >"$OUT" 2>"$ERR"; then
  fail "$step: succeeded although C2 has no e-mail"
fi
has_line "[1/2] INV-2026-000005 queued as message 6 to ap@nordwind.example"
has_line "queued 1 of 2 unsent invoices"
[[ $(cat "$ERR") == "o2c: error: INV-2026-000006: customer C2 (Soleil SA) has no e-mail address for invoice INV-2026-000006; give --to ADDRESS or add one to the customer (at customer.email)" ]] \
  || fail "$step: stderr"
echo "ok   $step"
run send.unsent_again --date 2026-03-04 invoice send INV-2026-000006 --to ap@soleil.example
run send.unsent_none --date 2026-03-04 invoice send --unsent
has_line "queued 0 of 0 unsent invoices"

# ---- the journal --------------------------------------------------------------------------------
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'mail.queued'") == 7 ]] || fail "want 7 mail.queued events"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'mail.sent'") == 3 ]] || fail "want 3 mail.sent events"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'mail.retry'") == 8 ]] || fail "want 8 mail.retry events"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE kind = 'mail.failed'") == 2 ]] || fail "want 2 mail.failed events"
run audit audit verify
has "journal verified"
