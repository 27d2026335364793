// einvoice.h — UBL 2.1 e-invoices that meet EN 16931 (the European e-invoicing standard,
// CustomizationID urn:cen.eu:en16931:2017). An invoice (380) and a debit note (383) are UBL
// Invoice documents, a credit note (381) a UBL CreditNote with the corrected invoice in
// BillingReference (BT-25). Rules encoded: one VAT breakdown per category and rate (BR-CO-18)
// with an exemption reason for E (BR-E-10) and none for S/Z; a line discount is a line
// allowance with reason code 95 (BR-41/42), so net = quantity × price − allowance; line
// amounts add up to LineExtensionAmount (BR-CO-10), TaxInclusive = TaxExclusive + VAT
// (BR-CO-15); payment by SEPA credit transfer (code 58) names the payee's IBAN (BR-61); a
// credit note's due date sits in PaymentMeans (UBL 2.1 CreditNote has no DueDate).
// Pure: takes the document value, returns the XML text. Checked by
// ../shared/standards/validate-ubl.sh (XSD + EN 16931 schematron) in the tests.
#pragma once

#include <string>

#include "core/result.h"
#include "formats/invoice_document/invoice_document.h"

namespace o2c {

// The UBL 2.1 XML of `document` (UTF-8, with an XML declaration). Fails with
// check_document's errors.
Result<std::string> render_ubl(const InvoiceDocument& document);

}  // namespace o2c
