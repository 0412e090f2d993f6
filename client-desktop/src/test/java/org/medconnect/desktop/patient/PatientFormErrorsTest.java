package org.medconnect.desktop.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ClinicTime;

/** Issue 11 item 16: a validation message goes once its field is fixed, not at the next save. */
class PatientFormErrorsTest {

    @Test
    void fixingAFieldClearsItsMessageAndOnlyItsMessage() {
        PatientFormViewModel form = new PatientFormViewModel(null, null,
                new ClinicTime(Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC)), Optional.empty());
        form.save(); // nothing typed: refused before any call

        assertThat(form.error(PatientFormViewModel.GIVEN_NAME).get()).isNotEmpty();
        assertThat(form.error(PatientFormViewModel.FAMILY_NAME).get()).isNotEmpty();

        form.givenNameProperty().set("Maria");

        assertThat(form.error(PatientFormViewModel.GIVEN_NAME).get()).isEmpty();
        assertThat(form.error(PatientFormViewModel.FAMILY_NAME).get()).isNotEmpty();
    }
}
