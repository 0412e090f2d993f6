package org.medconnect.desktop.chart.demographics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.patient.v1.AddConsentRecordRequest;
import org.medconnect.proto.patient.v1.AddEmergencyContactRequest;
import org.medconnect.proto.patient.v1.AddInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.ConsentRecord;
import org.medconnect.proto.patient.v1.ConsentRecordInput;
import org.medconnect.proto.patient.v1.ConsentRecordKind;
import org.medconnect.proto.patient.v1.DemographicsBloodGroup;
import org.medconnect.proto.patient.v1.EmergencyContact;
import org.medconnect.proto.patient.v1.EmergencyContactInput;
import org.medconnect.proto.patient.v1.GetPatientDemographicsRequest;
import org.medconnect.proto.patient.v1.InsurancePolicy;
import org.medconnect.proto.patient.v1.InsurancePolicyInput;
import org.medconnect.proto.patient.v1.MoveEmergencyContactRequest;
import org.medconnect.proto.patient.v1.PatientDemographics;
import org.medconnect.proto.patient.v1.RetireEmergencyContactRequest;
import org.medconnect.proto.patient.v1.RetireInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.UpdateConsentRecordRequest;
import org.medconnect.proto.patient.v1.UpdatePatientProfileRequest;
import org.medconnect.shared.patient.DemographicsRules;
import org.medconnect.shared.validation.FieldError;

/**
 * A patient's record page (decision 0036): details (blood group, language), emergency
 * contacts, insurance and consents. Reception edits; a doctor's chart and a nurse read the
 * same page with {@code editable} false. Every server call runs in the background through
 * {@link ServerCalls}; every edit sends the version on screen, and a stale one shows who
 * changed it while the typed values stay in the form.
 */
public final class PatientRecordViewModel {

    /** Consent kinds in the order the form offers them. */
    public static final List<ConsentRecordKind> CONSENT_KINDS = List.of(ConsentRecordKind.CONSENT_RECORD_KIND_TREATMENT,
            ConsentRecordKind.CONSENT_RECORD_KIND_DATA_SHARING, ConsentRecordKind.CONSENT_RECORD_KIND_TELEHEALTH,
            ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH, ConsentRecordKind.CONSENT_RECORD_KIND_PHOTOGRAPHY,
            ConsentRecordKind.CONSENT_RECORD_KIND_OTHER);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final String patientId;
    private final String patientName;
    private final boolean editable;

    private final ObjectProperty<PatientDemographics> demographics = new SimpleObjectProperty<>();
    private final ObservableList<EmergencyContact> contacts = FXCollections.observableArrayList();
    private final ObservableList<InsurancePolicy> policies = FXCollections.observableArrayList();
    private final ObservableList<ConsentRecord> consents = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");

    // details
    private final ObjectProperty<String> bloodGroup = new SimpleObjectProperty<>("");
    private final StringProperty language = new SimpleStringProperty("");
    // a new contact
    private final StringProperty contactName = new SimpleStringProperty("");
    private final StringProperty contactRelationship = new SimpleStringProperty("");
    private final StringProperty contactPhone = new SimpleStringProperty("");
    private final StringProperty contactEmail = new SimpleStringProperty("");
    // a new policy
    private final StringProperty insurer = new SimpleStringProperty("");
    private final StringProperty policyNumber = new SimpleStringProperty("");
    private final StringProperty memberName = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> coverageStart = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> coverageEnd = new SimpleObjectProperty<>();
    // a new consent
    private final ObjectProperty<ConsentRecordKind> consentKind = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> givenOn = new SimpleObjectProperty<>();
    private final StringProperty consentNote = new SimpleStringProperty("");

    public PatientRecordViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String patientId,
                                  String patientName, boolean editable) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.patientId = patientId;
        this.patientName = patientName;
        this.editable = editable;
        givenOn.set(today());
        coverageStart.set(today());
    }

    public void load() {
        message.set("");
        run(() -> connection.demographics().getPatientDemographics(GetPatientDemographicsRequest.newBuilder()
                .setPatientId(patientId).build()).getDemographics(), null);
    }

    // ---- details ----

    public void saveProfile() {
        List<FieldError> errors = DemographicsRules.profile(bloodGroup.get(), language.get());
        if (refused(errors)) {
            return;
        }
        int version = demographics.get() == null ? 1 : demographics.get().getProfileVersion();
        run(() -> connection.demographics().updatePatientProfile(UpdatePatientProfileRequest.newBuilder().setPatientId(patientId)
                .setExpectedVersion(version).setBloodGroup(bloodGroupOf(bloodGroup.get()))
                .setPreferredLanguage(language.get().strip()).build()).getDemographics(), "Details saved.");
    }

    // ---- contacts ----

    public void addContact() {
        if (refused(DemographicsRules.contact(contactName.get(), contactRelationship.get(), contactPhone.get(), contactEmail.get()))) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        String name = contactName.get().strip();
        run(() -> connection.demographics().addEmergencyContact(AddEmergencyContactRequest.newBuilder().setRequestId(requestId)
                .setPatientId(patientId).setContact(EmergencyContactInput.newBuilder().setName(name)
                        .setRelationship(contactRelationship.get().strip()).setPhone(contactPhone.get().strip())
                        .setEmail(contactEmail.get().strip())).build()).getDemographics(), name + " added.", () -> {
            contactName.set("");
            contactRelationship.set("");
            contactPhone.set("");
            contactEmail.set("");
        });
    }

    public void moveContact(EmergencyContact c, boolean up) {
        run(() -> connection.demographics().moveEmergencyContact(MoveEmergencyContactRequest.newBuilder()
                .setContactId(c.getContactId()).setExpectedVersion(c.getVersion()).setUp(up).build()).getDemographics(), null);
    }

    public void retireContact(EmergencyContact c) {
        run(() -> connection.demographics().retireEmergencyContact(RetireEmergencyContactRequest.newBuilder()
                .setContactId(c.getContactId()).setExpectedVersion(c.getVersion()).build()).getDemographics(),
                c.getName() + " retired.");
    }

    // ---- insurance ----

    public void addPolicy() {
        String start = coverageStart.get() == null ? "" : coverageStart.get().toString();
        String end = coverageEnd.get() == null ? "" : coverageEnd.get().toString();
        if (refused(DemographicsRules.policy(insurer.get(), policyNumber.get(), memberName.get(), start, end))) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        String name = insurer.get().strip();
        run(() -> connection.demographics().addInsurancePolicy(AddInsurancePolicyRequest.newBuilder().setRequestId(requestId)
                .setPatientId(patientId).setPolicy(InsurancePolicyInput.newBuilder().setInsurer(name)
                        .setPolicyNumber(policyNumber.get().strip()).setMemberName(memberName.get().strip())
                        .setCoverageStart(start).setCoverageEnd(end)).build()).getDemographics(), name + " policy added.", () -> {
            insurer.set("");
            policyNumber.set("");
            memberName.set("");
            coverageEnd.set(null);
        });
    }

    public void retirePolicy(InsurancePolicy p) {
        run(() -> connection.demographics().retireInsurancePolicy(RetireInsurancePolicyRequest.newBuilder()
                .setPolicyId(p.getPolicyId()).setExpectedVersion(p.getVersion()).build()).getDemographics(),
                p.getInsurer() + " policy retired.");
    }

    // ---- consents ----

    public void addConsent() {
        String given = givenOn.get() == null ? "" : givenOn.get().toString();
        if (refused(DemographicsRules.consent(consentKind.get() != null, given, "", consentNote.get(), today()))) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        ConsentRecordKind kind = consentKind.get();
        run(() -> connection.demographics().addConsentRecord(AddConsentRecordRequest.newBuilder().setRequestId(requestId)
                .setPatientId(patientId).setConsent(ConsentRecordInput.newBuilder().setKind(kind).setGivenOn(given)
                        .setNote(consentNote.get().strip())).build()).getDemographics(), kindLabel(kind) + " consent recorded.", () -> {
            consentKind.set(null);
            consentNote.set("");
        });
    }

    /** Records that the patient withdrew this consent today. */
    public void withdrawConsent(ConsentRecord c) {
        run(() -> connection.demographics().updateConsentRecord(UpdateConsentRecordRequest.newBuilder()
                .setConsentId(c.getConsentId()).setExpectedVersion(c.getVersion()).setConsent(ConsentRecordInput.newBuilder()
                        .setKind(c.getKind()).setGivenOn(c.getGivenOn()).setWithdrawnOn(today().toString())
                        .setDocumentId(c.getDocumentId()).setNote(c.getNote())).build()).getDemographics(),
                kindLabel(c.getKind()) + " consent withdrawn.");
    }

    // ---- plumbing ----

    private void run(Callable<PatientDemographics> work, String done) {
        run(work, done, () -> { });
    }

    private void run(Callable<PatientDemographics> work, String done, Runnable clearForm) {
        message.set("");
        notice.set("");
        calls.call(busy, work, d -> {
            show(d);
            clearForm.run();
            if (done != null) {
                notice.set(done);
            }
        }, failure -> message.set(failure.message()));
    }

    private boolean refused(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return false;
        }
        message.set(errors.stream().map(e -> label(e.field()) + ": " + e.message()).reduce((a, b) -> a + "  ").orElse(""));
        return true;
    }

    private void show(PatientDemographics d) {
        demographics.set(d);
        contacts.setAll(d.getContactsList());
        policies.setAll(d.getPoliciesList());
        consents.setAll(d.getConsentsList());
        bloodGroup.set(bloodGroupText(d.getBloodGroup()));
        language.set(d.getPreferredLanguage());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String label(String field) {
        String words = field.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "AB-" for AB_NEGATIVE, "" when not known. */
    public static String bloodGroupText(DemographicsBloodGroup g) {
        if (g == DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_UNSPECIFIED || g == DemographicsBloodGroup.UNRECOGNIZED) {
            return "";
        }
        String name = g.name().substring("DEMOGRAPHICS_BLOOD_GROUP_".length());
        return name.substring(0, name.indexOf('_')) + (name.endsWith("POSITIVE") ? "+" : "-");
    }

    static DemographicsBloodGroup bloodGroupOf(String text) {
        for (DemographicsBloodGroup g : DemographicsBloodGroup.values()) {
            if (g != DemographicsBloodGroup.UNRECOGNIZED && !bloodGroupText(g).isEmpty() && bloodGroupText(g).equals(text)) {
                return g;
            }
        }
        return DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_UNSPECIFIED;
    }

    /** "Data sharing" for DATA_SHARING. */
    public static String kindLabel(ConsentRecordKind kind) {
        if (kind == null || kind == ConsentRecordKind.CONSENT_RECORD_KIND_UNSPECIFIED || kind == ConsentRecordKind.UNRECOGNIZED) {
            return "";
        }
        String words = kind.name().substring("CONSENT_RECORD_KIND_".length()).replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** An ISO date from the server in the clinic's format; "" stays "". */
    public static String date(String iso) {
        return DemographicsRules.parseDate(iso).map(ClinicDates::format).orElse("");
    }

    /** "Active", "Expired", "Not yet started" or "Retired" for a policy. */
    public String policyStatus(InsurancePolicy p) {
        if (!p.getActive()) {
            return "Retired";
        }
        if (p.getInForce()) {
            return "Active";
        }
        return DemographicsRules.parseDate(p.getCoverageStart()).filter(s -> s.isAfter(today())).isPresent() ? "Not yet started"
                : "Expired";
    }

    public String patientName() { return patientName; }
    public boolean editable() { return editable; }
    public ObjectProperty<PatientDemographics> demographicsProperty() { return demographics; }
    public ObservableList<EmergencyContact> contacts() { return contacts; }
    public ObservableList<InsurancePolicy> policies() { return policies; }
    public ObservableList<ConsentRecord> consents() { return consents; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<String> bloodGroupProperty() { return bloodGroup; }
    public StringProperty languageProperty() { return language; }
    public StringProperty contactNameProperty() { return contactName; }
    public StringProperty contactRelationshipProperty() { return contactRelationship; }
    public StringProperty contactPhoneProperty() { return contactPhone; }
    public StringProperty contactEmailProperty() { return contactEmail; }
    public StringProperty insurerProperty() { return insurer; }
    public StringProperty policyNumberProperty() { return policyNumber; }
    public StringProperty memberNameProperty() { return memberName; }
    public ObjectProperty<LocalDate> coverageStartProperty() { return coverageStart; }
    public ObjectProperty<LocalDate> coverageEndProperty() { return coverageEnd; }
    public ObjectProperty<ConsentRecordKind> consentKindProperty() { return consentKind; }
    public ObjectProperty<LocalDate> givenOnProperty() { return givenOn; }
    public StringProperty consentNoteProperty() { return consentNote; }
}
