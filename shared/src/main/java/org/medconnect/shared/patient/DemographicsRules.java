package org.medconnect.shared.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/**
 * What reception may type for a patient's emergency contacts, insurance policies, consent
 * records and profile (decision 0036). The workstation checks before sending; the server
 * checks again, and the database's own checks are the last word.
 */
public final class DemographicsRules {

    public static final int CONTACT_NAME_MAX = 120;
    public static final int RELATIONSHIP_MAX = 60;
    public static final int INSURER_MAX = 120;
    public static final int POLICY_NUMBER_MAX = 60;
    public static final int MEMBER_NAME_MAX = 160;
    public static final int CONSENT_NOTE_MAX = 500;
    public static final int LANGUAGE_MAX = 60;
    /** The most active emergency contacts a patient has (the order is 1..20). */
    public static final int MAX_CONTACTS = 20;
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    /** Blood groups as the database stores them and staff write them. */
    public static final List<String> BLOOD_GROUPS = List.of("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-");

    private static final Pattern POLICY_NUMBER = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ./-]*");

    private DemographicsRules() {}

    /** A contact as typed: name, relationship and phone required, email optional. */
    public static List<FieldError> contact(String name, String relationship, String phone, String email) {
        Validation v = new Validation()
                .check("name", required(name, CONTACT_NAME_MAX, "the contact's name"))
                .check("relationship", required(relationship, RELATIONSHIP_MAX, "how they are related, e.g. Wife"));
        if (blank(phone)) {
            v.add("phone", "Enter a phone number to reach the contact.");
        } else {
            v.check("phone", PatientRules.checkPhone(phone));
        }
        v.check("email", PatientRules.checkEmail(email));
        return v.errors();
    }

    /** A policy as typed: coverage dates are ISO dates, the end optional and not before the start. */
    public static List<FieldError> policy(String insurer, String policyNumber, String memberName, String coverageStart,
                                          String coverageEnd) {
        Validation v = new Validation()
                .check("insurer", required(insurer, INSURER_MAX, "the insurer"))
                .check("policy_number", required(policyNumber, POLICY_NUMBER_MAX, "the policy number"))
                .check("member_name", optional(memberName, MEMBER_NAME_MAX));
        if (!blank(policyNumber) && !POLICY_NUMBER.matcher(policyNumber.strip()).matches()) {
            v.add("policy_number", "Use letters, digits, spaces and . / - only.");
        }
        Optional<LocalDate> start = date(v, "coverage_start", coverageStart, true, "the date the coverage starts");
        Optional<LocalDate> end = date(v, "coverage_end", coverageEnd, false, "the date the coverage ends");
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            v.add("coverage_end", "The coverage cannot end before it starts.");
        }
        return v.errors();
    }

    /** A consent as typed: given on a date not in the future; a withdrawal not before it, not in the future. */
    public static List<FieldError> consent(boolean kindChosen, String givenOn, String withdrawnOn, String note, LocalDate today) {
        Validation v = new Validation();
        if (!kindChosen) {
            v.add("kind", "Choose what the consent is for.");
        }
        Optional<LocalDate> given = date(v, "given_on", givenOn, true, "the date the consent was given");
        Optional<LocalDate> withdrawn = date(v, "withdrawn_on", withdrawnOn, false, "the date it was withdrawn");
        if (given.isPresent() && given.get().isAfter(today)) {
            v.add("given_on", "A consent cannot be given in the future.");
        }
        if (withdrawn.isPresent() && withdrawn.get().isAfter(today)) {
            v.add("withdrawn_on", "A withdrawal cannot be in the future.");
        }
        if (given.isPresent() && withdrawn.isPresent() && withdrawn.get().isBefore(given.get())) {
            v.add("withdrawn_on", "A consent cannot be withdrawn before it was given.");
        }
        if (note != null && note.strip().length() > CONSENT_NOTE_MAX) {
            v.add("note", "A note has at most " + CONSENT_NOTE_MAX + " characters.");
        }
        return v.errors();
    }

    /** Blood group (one of {@link #BLOOD_GROUPS} or empty) and preferred language (optional). */
    public static List<FieldError> profile(String bloodGroup, String language) {
        Validation v = new Validation().check("preferred_language", optional(language, LANGUAGE_MAX));
        if (!blank(bloodGroup) && !BLOOD_GROUPS.contains(bloodGroup.strip())) {
            v.add("blood_group", "Choose a blood group from the list, or leave it empty when not known.");
        }
        return v.errors();
    }

    /** An ISO date, or empty when blank or not a date. */
    public static Optional<LocalDate> parseDate(String raw) {
        return PatientRules.parseIsoDate(raw);
    }

    /** Whether a policy covers {@code day}. */
    public static boolean inForce(LocalDate start, Optional<LocalDate> end, LocalDate day) {
        return !day.isBefore(start) && end.map(e -> !day.isAfter(e)).orElse(true);
    }

    private static Optional<LocalDate> date(Validation v, String field, String raw, boolean required, String what) {
        if (blank(raw)) {
            if (required) {
                v.add(field, "Enter " + what + ".");
            }
            return Optional.empty();
        }
        Optional<LocalDate> date = parseDate(raw);
        if (date.isEmpty()) {
            v.add(field, "Enter " + what + " as YYYY-MM-DD, e.g. 2026-01-31.");
            return Optional.empty();
        }
        if (date.get().isBefore(EARLIEST) || date.get().isAfter(LATEST)) {
            v.add(field, "Use a date between 1900 and 2200.");
            return Optional.empty();
        }
        return date;
    }

    private static Optional<String> required(String raw, int max, String what) {
        if (blank(raw)) {
            return Optional.of("Enter " + what + ".");
        }
        return optional(raw, max);
    }

    private static Optional<String> optional(String raw, int max) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.length() > max) {
            return Optional.of("At most " + max + " characters.");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return Optional.of("This field takes a single line of text.");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
