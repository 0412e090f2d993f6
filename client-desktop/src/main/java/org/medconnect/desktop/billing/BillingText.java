package org.medconnect.desktop.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.LineKind;
import org.medconnect.proto.billing.v1.PaymentMethod;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.shared.billing.InvoiceMath;

/** The words and money formats every billing screen uses: "€12.50", "Issued", "Card". */
public final class BillingText {

    private BillingText() {}

    /** "€12.50", "-$3.00"; the symbol as an English reader knows it, else the ISO code. */
    public static String money(long minor, String currencyCode) {
        if (currencyCode == null || currencyCode.isBlank()) {
            return InvoiceMath.format(minor, "XXX");
        }
        String symbol;
        try {
            symbol = Currency.getInstance(currencyCode).getSymbol(Locale.US);
        } catch (IllegalArgumentException e) {
            symbol = currencyCode + " ";
        }
        if (symbol.equals(currencyCode)) {
            symbol = currencyCode + " ";
        }
        String amount = InvoiceMath.format(Math.abs(minor), currencyCode);
        return (minor < 0 ? "-" : "") + symbol + amount;
    }

    public static String money(Money m) {
        return money(m.getMinorUnits(), m.getCurrencyCode());
    }

    /** "12.50" for typing into a field (no symbol). */
    public static String plain(Money m) {
        return InvoiceMath.format(m.getMinorUnits(), m.getCurrencyCode());
    }

    /** "12.5" in EUR gives 1250; empty when it is not an amount of that currency (too many decimals, text). */
    public static Optional<Long> parseMinor(String raw, String currencyCode) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(raw.strip().replace(",", "."));
            return Optional.of(value.movePointRight(InvoiceMath.minorDigits(currencyCode)).setScale(0).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** "1" for "1.000", "20" for "20.0000". */
    public static String decimal(String value) {
        try {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    public static String status(InvoiceStatus status) {
        return switch (status) {
            case INVOICE_STATUS_DRAFT -> "Draft";
            case INVOICE_STATUS_ISSUED -> "Issued";
            case INVOICE_STATUS_DISCARDED -> "Discarded";
            default -> "";
        };
    }

    /** The list's status word, saying when an issued invoice has been credited in part or in full. */
    public static String status(org.medconnect.proto.billing.v1.InvoiceSummary s) {
        long credited = s.getCredited().getMinorUnits();
        if (s.getStatus() != InvoiceStatus.INVOICE_STATUS_ISSUED || credited == 0) {
            return status(s.getStatus());
        }
        return credited + s.getTotal().getMinorUnits() == 0 ? "Credited" : "Part credited";
    }

    public static String kind(InvoiceKind kind) {
        return kind == InvoiceKind.INVOICE_KIND_CREDIT_NOTE ? "Credit note" : "Invoice";
    }

    public static String lineKind(LineKind kind) {
        return switch (kind) {
            case LINE_KIND_CONSULTATION -> "Consultation";
            case LINE_KIND_PROCEDURE -> "Procedure";
            case LINE_KIND_ITEM -> "Item";
            default -> "";
        };
    }

    public static String method(PaymentMethod method) {
        return switch (method) {
            case PAYMENT_METHOD_CASH -> "Cash";
            case PAYMENT_METHOD_CARD -> "Card";
            case PAYMENT_METHOD_BANK_TRANSFER -> "Bank transfer";
            case PAYMENT_METHOD_INSURANCE -> "Insurance";
            default -> "";
        };
    }
}
