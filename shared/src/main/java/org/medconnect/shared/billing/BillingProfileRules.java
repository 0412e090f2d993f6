package org.medconnect.shared.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.medconnect.shared.validation.FieldError;

/**
 * What makes the clinic's billing header (printed on every invoice and receipt) acceptable. The
 * admin's workstation checks it before sending; the server checks it again. The limits match the
 * {@code billing_profile} table's checks. Field names are the request's ({@code profile.clinic_name}).
 */
public final class BillingProfileRules {

    public static final int CLINIC_NAME_MAX = 120;
    public static final int ADDRESS_MAX = 300;
    public static final int TAX_ID_MAX = 40;
    public static final int PHONE_MAX = 40;
    public static final int EMAIL_MAX = 120;
    public static final int PAYMENT_TERMS_MAX_DAYS = 365;
    public static final String TERMS_MESSAGE = "Give the payment terms as 0 to " + PAYMENT_TERMS_MAX_DAYS + " days.";

    // Deliberately loose: one @, something before, a dot in the domain.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private BillingProfileRules() {}

    /** Every problem with the header as typed; empty when it can be saved. Text is judged stripped. */
    public static List<FieldError> check(String clinicName, String address, String taxId, String phone, String email,
                                         int paymentTermsDays) {
        List<FieldError> errors = new ArrayList<>();
        String name = strip(clinicName);
        if (name.isEmpty()) {
            errors.add(new FieldError("profile.clinic_name", "Enter the clinic's name as it is printed on invoices."));
        } else {
            text(errors, "profile.clinic_name", "clinic name", name, CLINIC_NAME_MAX, false);
        }
        text(errors, "profile.address", "address", strip(address), ADDRESS_MAX, true);
        text(errors, "profile.tax_id", "tax id", strip(taxId), TAX_ID_MAX, false);
        text(errors, "profile.phone", "phone number", strip(phone), PHONE_MAX, false);
        String mail = strip(email);
        if (text(errors, "profile.email", "email address", mail, EMAIL_MAX, false) && !mail.isEmpty() && !EMAIL.matcher(mail).matches()) {
            errors.add(new FieldError("profile.email", "That does not look like an email address (billing@clinic.example)."));
        }
        if (paymentTermsDays < 0 || paymentTermsDays > PAYMENT_TERMS_MAX_DAYS) {
            errors.add(new FieldError("profile.payment_terms_days", TERMS_MESSAGE));
        }
        return errors;
    }

    public static String strip(String raw) {
        return raw == null ? "" : raw.strip();
    }

    /** Length and stray control characters (an address may span lines); true when fine. */
    private static boolean text(List<FieldError> errors, String field, String what, String s, int max, boolean multiLine) {
        if (s.length() > max) {
            errors.add(new FieldError(field, "Keep the " + what + " under " + max + " characters (now " + s.length() + ")."));
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                errors.add(new FieldError(field, "The " + what + " contains a character that cannot be printed; retype it."));
                return false;
            }
        }
        return true;
    }
}
