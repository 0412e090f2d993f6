package org.medconnect.server.prescription.paper;

import static org.medconnect.server.db.Tables.BILLING_PROFILE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.PRESCRIPTION;
import static org.medconnect.server.db.Tables.PRESCRIPTION_DOCUMENT;
import static org.medconnect.server.db.Tables.PRESCRIPTION_EMAIL;
import static org.medconnect.server.db.Tables.PRESCRIPTION_LINE;
import static org.medconnect.server.db.Tables.PRESCRIPTION_SIGNING_KEY;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Archived;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Clinic;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Doctor;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Line;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Paper;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Patient;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Prescription;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Status;

/** SQL of prescription papers: what is printed, the archive, the public keys and the email outbox. */
final class PrescriptionPaperRepository {

    private final DSLContext tx;

    PrescriptionPaperRepository(DSLContext tx) {
        this.tx = tx;
    }

    /** The prescription's header with its status as read on {@code today}. */
    Optional<Prescription> prescription(UUID id, LocalDate today) {
        return tx.select(PRESCRIPTION.ID, PRESCRIPTION.PATIENT_ID, PRESCRIPTION.STATUS, PRESCRIPTION.SIGNED_AT,
                        PRESCRIPTION.VALID_UNTIL, PRESCRIPTION.CANCELLED_AT)
                .from(PRESCRIPTION).where(PRESCRIPTION.ID.eq(id)).fetchOptional()
                .map(r -> new Prescription(r.get(PRESCRIPTION.ID), r.get(PRESCRIPTION.PATIENT_ID),
                        status(r.get(PRESCRIPTION.STATUS), Optional.ofNullable(r.get(PRESCRIPTION.VALID_UNTIL)), today),
                        Optional.ofNullable(r.get(PRESCRIPTION.SIGNED_AT)), Optional.ofNullable(r.get(PRESCRIPTION.VALID_UNTIL)),
                        Optional.ofNullable(r.get(PRESCRIPTION.CANCELLED_AT))));
    }

    private static Status status(String stored, Optional<LocalDate> validUntil, LocalDate today) {
        Status s = Status.valueOf(stored);
        boolean open = s == Status.SIGNED || s == Status.PARTLY_DISPENSED;
        return open && validUntil.filter(today::isAfter).isPresent() ? Status.EXPIRED : s;
    }

    /** Everything printed on the prescription. */
    Paper paper(Prescription p) {
        Record c = tx.select(BILLING_PROFILE.CLINIC_NAME, BILLING_PROFILE.ADDRESS, BILLING_PROFILE.PHONE, BILLING_PROFILE.EMAIL)
                .from(BILLING_PROFILE).fetchOptional().orElse(null);
        Clinic clinic = c == null ? new Clinic("MedConnect Clinic", "", "", "")
                : new Clinic(c.get(BILLING_PROFILE.CLINIC_NAME), c.get(BILLING_PROFILE.ADDRESS), c.get(BILLING_PROFILE.PHONE),
                        c.get(BILLING_PROFILE.EMAIL));
        Record d = tx.select(STAFF_USER.ID, STAFF_USER.DISPLAY_NAME, DOCTOR_PROFILE.QUALIFICATION, DOCTOR_PROFILE.REGISTRATION_NUMBER)
                .from(PRESCRIPTION).join(STAFF_USER).on(STAFF_USER.ID.eq(PRESCRIPTION.PRESCRIBER_ID))
                .leftJoin(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                .where(PRESCRIPTION.ID.eq(p.id())).fetchSingle();
        Doctor doctor = new Doctor(d.get(STAFF_USER.ID), d.get(STAFF_USER.DISPLAY_NAME),
                Optional.ofNullable(d.get(DOCTOR_PROFILE.QUALIFICATION)).orElse(""),
                Optional.ofNullable(d.get(DOCTOR_PROFILE.REGISTRATION_NUMBER)).orElse(""));
        Patient patient = tx.select(PATIENT.ID, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.DATE_OF_BIRTH, PATIENT.MRN, PATIENT.EMAIL)
                .from(PATIENT).where(PATIENT.ID.eq(p.patientId())).fetchSingle(r -> new Patient(r.get(PATIENT.ID),
                        r.get(PATIENT.GIVEN_NAME), r.get(PATIENT.FAMILY_NAME), r.get(PATIENT.DATE_OF_BIRTH), r.get(PATIENT.MRN),
                        Optional.ofNullable(r.get(PATIENT.EMAIL)).filter(e -> !e.isBlank())));
        List<Line> lines = tx.selectFrom(PRESCRIPTION_LINE).where(PRESCRIPTION_LINE.PRESCRIPTION_ID.eq(p.id()))
                .orderBy(PRESCRIPTION_LINE.POSITION).fetch(r -> new Line(r.getPosition(), r.getDrugName(), r.getStrength(), r.getForm(),
                        r.getRoute(), r.getDoseAmount(), r.getDoseUnit(), r.getFrequency(), r.getAsNeeded(), r.getDurationDays(),
                        r.getQuantity(), r.getQuantityUnit(), r.getRefills(), r.getInstructions(), r.getWarnings()));
        return new Paper(p, clinic, doctor, patient, lines);
    }

    Optional<Archived> archived(UUID prescriptionId) {
        return tx.selectFrom(PRESCRIPTION_DOCUMENT).where(PRESCRIPTION_DOCUMENT.PRESCRIPTION_ID.eq(prescriptionId)).fetchOptional()
                .map(r -> new Archived(r.getPrescriptionId(), r.getPdf(), r.getSha256(), r.getQrPayload(), r.getKeyId(), r.getIssuedAt()));
    }

    /** Archives the document unless another call archived one first; answers whether this one was kept. */
    boolean archive(Archived a, UUID issuedBy) {
        return tx.insertInto(PRESCRIPTION_DOCUMENT)
                .set(PRESCRIPTION_DOCUMENT.PRESCRIPTION_ID, a.prescriptionId()).set(PRESCRIPTION_DOCUMENT.PDF, a.pdf())
                .set(PRESCRIPTION_DOCUMENT.SHA256, a.sha256()).set(PRESCRIPTION_DOCUMENT.QR_PAYLOAD, a.qrPayload())
                .set(PRESCRIPTION_DOCUMENT.KEY_ID, a.keyId()).set(PRESCRIPTION_DOCUMENT.ISSUED_BY, issuedBy)
                .set(PRESCRIPTION_DOCUMENT.ISSUED_AT, a.issuedAt())
                .onConflictDoNothing().execute() == 1;
    }

    void publishKey(String keyId, byte[] publicKey, OffsetDateTime at) {
        tx.insertInto(PRESCRIPTION_SIGNING_KEY).set(PRESCRIPTION_SIGNING_KEY.KEY_ID, keyId)
                .set(PRESCRIPTION_SIGNING_KEY.PUBLIC_KEY, publicKey).set(PRESCRIPTION_SIGNING_KEY.CREATED_AT, at)
                .onConflictDoNothing().execute();
    }

    Optional<byte[]> publicKey(String keyId) {
        return tx.select(PRESCRIPTION_SIGNING_KEY.PUBLIC_KEY).from(PRESCRIPTION_SIGNING_KEY)
                .where(PRESCRIPTION_SIGNING_KEY.KEY_ID.eq(keyId)).fetchOptional(PRESCRIPTION_SIGNING_KEY.PUBLIC_KEY);
    }

    /** One email request as stored. */
    record Email(UUID id, UUID prescriptionId, String recipient, String state) {}

    Optional<Email> emailByRequest(UUID requestId) {
        return tx.selectFrom(PRESCRIPTION_EMAIL).where(PRESCRIPTION_EMAIL.REQUEST_ID.eq(requestId)).fetchOptional()
                .map(r -> new Email(r.getId(), r.getPrescriptionId(), r.getRecipient(), r.getState()));
    }

    /** The request's row, locked until the transaction ends, so one retry at a time sends. */
    Optional<Email> lockEmail(UUID id) {
        return tx.selectFrom(PRESCRIPTION_EMAIL).where(PRESCRIPTION_EMAIL.ID.eq(id)).forUpdate().fetchOptional()
                .map(r -> new Email(r.getId(), r.getPrescriptionId(), r.getRecipient(), r.getState()));
    }

    /** Queues the request unless the same request id is already there. */
    void queueEmail(UUID requestId, UUID prescriptionId, String recipient, UUID requestedBy, OffsetDateTime at) {
        tx.insertInto(PRESCRIPTION_EMAIL).set(PRESCRIPTION_EMAIL.REQUEST_ID, requestId)
                .set(PRESCRIPTION_EMAIL.PRESCRIPTION_ID, prescriptionId).set(PRESCRIPTION_EMAIL.RECIPIENT, recipient)
                .set(PRESCRIPTION_EMAIL.STATE, "QUEUED").set(PRESCRIPTION_EMAIL.REQUESTED_BY, requestedBy)
                .set(PRESCRIPTION_EMAIL.REQUESTED_AT, at).onConflictDoNothing().execute();
    }

    void emailSent(UUID id, OffsetDateTime at) {
        tx.update(PRESCRIPTION_EMAIL).set(PRESCRIPTION_EMAIL.STATE, "SENT").set(PRESCRIPTION_EMAIL.SENT_AT, at)
                .setNull(PRESCRIPTION_EMAIL.LAST_ERROR).where(PRESCRIPTION_EMAIL.ID.eq(id)).execute();
    }

    void emailFailed(UUID id, String error) {
        tx.update(PRESCRIPTION_EMAIL).set(PRESCRIPTION_EMAIL.STATE, "FAILED")
                .set(PRESCRIPTION_EMAIL.LAST_ERROR, error.length() > 300 ? error.substring(0, 300) : error)
                .where(PRESCRIPTION_EMAIL.ID.eq(id)).execute();
    }
}
