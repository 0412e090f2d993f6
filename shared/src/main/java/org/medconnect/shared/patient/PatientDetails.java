package org.medconnect.shared.patient;

import java.util.Optional;

/**
 * The fields a person types to register or correct a patient, as typed: the date of birth
 * is still text ("YYYY-MM-DD"), optional fields may be blank. {@link PatientRules} says
 * whether they are acceptable.
 */
public record PatientDetails(
        String givenName,
        String familyName,
        String dateOfBirth,
        Optional<Sex> sex,
        String phone,
        String email,
        String address) {

    public PatientDetails {
        givenName = givenName == null ? "" : givenName;
        familyName = familyName == null ? "" : familyName;
        dateOfBirth = dateOfBirth == null ? "" : dateOfBirth;
        sex = sex == null ? Optional.empty() : sex;
        phone = phone == null ? "" : phone;
        email = email == null ? "" : email;
        address = address == null ? "" : address;
    }
}
