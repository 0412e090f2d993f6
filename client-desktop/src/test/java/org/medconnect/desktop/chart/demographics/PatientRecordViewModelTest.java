package org.medconnect.desktop.chart.demographics;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.patient.v1.AddEmergencyContactResponse;
import org.medconnect.proto.patient.v1.DemographicsBloodGroup;
import org.medconnect.proto.patient.v1.EmergencyContact;
import org.medconnect.proto.patient.v1.GetPatientDemographicsResponse;
import org.medconnect.proto.patient.v1.InsurancePolicy;
import org.medconnect.proto.patient.v1.PatientDemographics;
import org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc;
import org.medconnect.proto.patient.v1.UpdatePatientProfileResponse;

class PatientRecordViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final EmergencyContact LENA = EmergencyContact.newBuilder().setContactId("c1").setName("Lena Quartermain")
            .setRelationship("Sister").setPhone("+1 555 0142").setPriority(1).setActive(true).setVersion(3).build();

    final FakeClinicServer server = new FakeClinicServer();
    final PatientRecordViewModel model = new PatientRecordViewModel(server.connection(), server.calls(), CLOCK, "p1",
            "Zelda Quartermain", true);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loadingShowsContactsPoliciesAndTheBloodGroup() {
        server.on(PatientDemographicsServiceGrpc.getGetPatientDemographicsMethod(), r -> GetPatientDemographicsResponse.newBuilder()
                .setDemographics(PatientDemographics.newBuilder().setPatientId("p1").addContacts(LENA)
                        .setBloodGroup(DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_AB_NEGATIVE).setPreferredLanguage("Portuguese"))
                .build());

        model.load();

        assertThat(model.contacts()).containsExactly(LENA);
        assertThat(model.bloodGroupProperty().get()).isEqualTo("AB-");
        assertThat(model.languageProperty().get()).isEqualTo("Portuguese");
    }

    @Test
    void addingAContactSendsTrimmedFieldsWithARequestIdAndClearsTheForm() {
        server.on(PatientDemographicsServiceGrpc.getAddEmergencyContactMethod(), r -> AddEmergencyContactResponse.newBuilder()
                .setDemographics(PatientDemographics.newBuilder().addContacts(LENA)).setContactId("c1").build());
        model.contactNameProperty().set("  Lena Quartermain ");
        model.contactRelationshipProperty().set("Sister");
        model.contactPhoneProperty().set("+1 555 0142");

        model.addContact();

        var sent = server.lastRequest(PatientDemographicsServiceGrpc.getAddEmergencyContactMethod());
        assertThat(sent.getRequestId()).isNotBlank();
        assertThat(sent.getPatientId()).isEqualTo("p1");
        assertThat(sent.getContact().getName()).isEqualTo("Lena Quartermain");
        assertThat(model.contacts()).containsExactly(LENA);
        assertThat(model.contactNameProperty().get()).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo("Lena Quartermain added.");
    }

    @Test
    void aContactWithoutAUsablePhoneIsRefusedBeforeAnythingIsSent() {
        model.contactNameProperty().set("Lena Quartermain");
        model.contactRelationshipProperty().set("Sister");
        model.contactPhoneProperty().set("call her");

        model.addContact();

        assertThat(server.requests(PatientDemographicsServiceGrpc.getAddEmergencyContactMethod())).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Phone: ");
        assertThat(model.contactNameProperty().get()).isEqualTo("Lena Quartermain");
    }

    @Test
    void aStaleEditShowsWhoChangedItAndKeepsWhatWasTyped() {
        server.on(PatientDemographicsServiceGrpc.getUpdatePatientProfileMethod(), r -> {
            throw Status.ABORTED.withDescription("Changed by James Wilson at 10:42; reload to see it. Your text is kept.")
                    .asRuntimeException();
        });
        model.bloodGroupProperty().set("O+");
        model.languageProperty().set("Welsh");

        model.saveProfile();

        var sent = server.lastRequest(PatientDemographicsServiceGrpc.getUpdatePatientProfileMethod());
        assertThat(sent.getBloodGroup()).isEqualTo(DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_O_POSITIVE);
        assertThat(sent.getExpectedVersion()).isEqualTo(1);
        assertThat(model.messageProperty().get()).contains("Changed by James Wilson at 10:42");
        assertThat(model.languageProperty().get()).isEqualTo("Welsh");
    }

    @Test
    void aSavedProfileSendsTheVersionOnScreen() {
        server.on(PatientDemographicsServiceGrpc.getGetPatientDemographicsMethod(), r -> GetPatientDemographicsResponse.newBuilder()
                .setDemographics(PatientDemographics.newBuilder().setProfileVersion(4)).build());
        server.on(PatientDemographicsServiceGrpc.getUpdatePatientProfileMethod(), r -> UpdatePatientProfileResponse.newBuilder()
                .setDemographics(PatientDemographics.newBuilder().setProfileVersion(5).setPreferredLanguage("Welsh")).build());
        model.load();
        model.languageProperty().set("Welsh");

        model.saveProfile();

        assertThat(server.lastRequest(PatientDemographicsServiceGrpc.getUpdatePatientProfileMethod()).getExpectedVersion()).isEqualTo(4);
        assertThat(model.demographicsProperty().get().getProfileVersion()).isEqualTo(5);
    }

    @Test
    void policiesReadActiveExpiredNotYetStartedOrRetired() {
        InsurancePolicy base = InsurancePolicy.newBuilder().setActive(true).setCoverageStart("2025-01-01").build();

        assertThat(model.policyStatus(base.toBuilder().setInForce(true).build())).isEqualTo("Active");
        assertThat(model.policyStatus(base.toBuilder().setCoverageEnd("2026-06-30").build())).isEqualTo("Expired");
        assertThat(model.policyStatus(base.toBuilder().setCoverageStart("2027-01-01").build())).isEqualTo("Not yet started");
        assertThat(model.policyStatus(base.toBuilder().setActive(false).build())).isEqualTo("Retired");
    }
}
