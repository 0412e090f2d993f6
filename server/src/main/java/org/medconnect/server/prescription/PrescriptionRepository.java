package org.medconnect.server.prescription;

import static org.medconnect.server.db.Tables.CHART_ENTRY_HISTORY;
import static org.medconnect.server.db.Tables.DRUG_BRAND;
import static org.medconnect.server.db.Tables.PRESCRIPTION;
import static org.medconnect.server.db.Tables.PRESCRIPTION_ALERT;
import static org.medconnect.server.db.Tables.PRESCRIPTION_DISPENSE;
import static org.medconnect.server.db.Tables.PRESCRIPTION_DOCUMENT;
import static org.medconnect.server.db.Tables.PRESCRIPTION_LINE;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.server.prescription.PrescriptionModel.Alert;
import org.medconnect.server.prescription.PrescriptionModel.DispenseSource;
import org.medconnect.server.prescription.PrescriptionModel.Frequency;
import org.medconnect.server.prescription.PrescriptionModel.Line;
import org.medconnect.server.prescription.PrescriptionModel.Prescription;
import org.medconnect.server.prescription.PrescriptionModel.ResolvedLine;
import org.medconnect.server.prescription.PrescriptionModel.Route;
import org.medconnect.server.prescription.PrescriptionModel.Status;
import org.medconnect.server.prescription.PrescriptionModel.Summary;
import org.medconnect.server.prescription.check.DrugChecks;

/** SQL for prescriptions, their lines, alerts and dispensings, and what the checks read of the chart. */
final class PrescriptionRepository {

    static final String REQUEST_ID_KEY = "prescription_request_id_key";
    static final String DISPENSE_REQUEST_ID_KEY = "prescription_dispense_request_id_key";

    private static final StaffUser PRESCRIBER = STAFF_USER.as("prescriber");
    private static final StaffUser UPDATER = STAFF_USER.as("updater");
    private static final StaffUser OVERRIDER = STAFF_USER.as("overrider");

    private final DSLContext dsl;

    PrescriptionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // ---- what the checks read ----

    Optional<Lines.Brand> activeBrand(UUID id) {
        return dsl.select(DRUG_BRAND.NAME, DRUG_BRAND.INGREDIENT_KEYS).from(DRUG_BRAND)
                .where(DRUG_BRAND.ID.eq(id), DRUG_BRAND.ACTIVE.isTrue())
                .fetchOptional(r -> new Lines.Brand(r.value1(), List.of(r.value2())));
    }

    /**
     * What the checks read of the patient, in one round trip (decision 0016): the active
     * medications (not those this prescription wrote; a row a brand's line wrote has no single
     * drug code, so its ingredients come from that line), whether allergies were asked, and the
     * active allergies. Asked at every pause in the doctor's typing, so it is on the hot path:
     * {@code alsoRead} (the chart access rule's facts, decision 0042) go in the same round trip.
     */
    DrugChecks.Input checkInput(List<DrugChecks.Line> lines, UUID patientId, Optional<UUID> excludePrescription, Jdbc.Read<?>... alsoRead) {
        var medications = new Jdbc.Read<List<DrugChecks.CurrentMedication>>("""
                select m.id, m.name, m.drug_code,
                       (select l.ingredient_keys from prescription_line l
                         where l.prescription_id = m.prescription_id and l.drug_name = m.name order by l.position limit 1)
                  from medication m
                 where m.patient_id = ? and m.status = 'ACTIVE' and (m.prescription_id is null or m.prescription_id <> ?)
                 order by m.name, m.id""", patientId, excludePrescription.orElse(NO_PRESCRIPTION)) {
            private final List<DrugChecks.CurrentMedication> rows = new ArrayList<>();

            @Override
            protected void row(ResultSet rs) throws SQLException {
                String code = rs.getString(3);
                java.sql.Array keys = rs.getArray(4);
                List<String> ingredients = code != null ? List.of(code) : keys != null ? List.of((String[]) keys.getArray()) : List.of();
                rows.add(new DrugChecks.CurrentMedication(Jdbc.uuid(rs, 1), rs.getString(2), ingredients));
            }

            @Override
            protected List<DrugChecks.CurrentMedication> result() {
                return List.copyOf(rows);
            }
        };
        var state = new Jdbc.Read<DrugChecks.AllergyState>("""
                select exists (select 1 from allergy where patient_id = ? and status <> 'ENTERED_IN_ERROR'),
                       coalesce((select no_known_allergies from allergy_review where patient_id = ?), false)""", patientId, patientId) {
            private DrugChecks.AllergyState value = DrugChecks.AllergyState.NOT_ASKED;

            @Override
            protected void row(ResultSet rs) throws SQLException {
                // "Recorded" when any allergy is on the list, "no known allergies" when stated, else never asked.
                value = rs.getBoolean(1) ? DrugChecks.AllergyState.RECORDED
                        : rs.getBoolean(2) ? DrugChecks.AllergyState.NO_KNOWN_ALLERGIES : DrugChecks.AllergyState.NOT_ASKED;
            }

            @Override
            protected DrugChecks.AllergyState result() {
                return value;
            }
        };
        var allergies = new Jdbc.Read<List<DrugChecks.KnownAllergy>>("""
                select id, substance_code, substance, severity from allergy
                 where patient_id = ? and status = 'ACTIVE' order by recorded_at, id""", patientId) {
            private final List<DrugChecks.KnownAllergy> rows = new ArrayList<>();

            @Override
            protected void row(ResultSet rs) throws SQLException {
                rows.add(new DrugChecks.KnownAllergy(Jdbc.uuid(rs, 1), Optional.ofNullable(rs.getString(2)), rs.getString(3),
                        rs.getString(4)));
            }

            @Override
            protected List<DrugChecks.KnownAllergy> result() {
                return List.copyOf(rows);
            }
        };
        Jdbc.Read<?>[] reads = Arrays.copyOf(alsoRead, alsoRead.length + 3);
        reads[alsoRead.length] = medications;
        reads[alsoRead.length + 1] = state;
        reads[alsoRead.length + 2] = allergies;
        Jdbc.readTogether(dsl, reads);
        return new DrugChecks.Input(lines, medications.get(), state.get(), allergies.get());
    }

    /** No prescription has this id: "exclude nothing" in {@link #checkInput}. */
    private static final UUID NO_PRESCRIPTION = new UUID(0, 0);

    // ---- prescriptions ----

    Optional<UUID> idByRequest(UUID requestId) {
        return dsl.select(PRESCRIPTION.ID).from(PRESCRIPTION).where(PRESCRIPTION.REQUEST_ID.eq(requestId)).fetchOptional(PRESCRIPTION.ID);
    }

    Optional<UUID> dispenseByRequest(UUID requestId) {
        return dsl.select(PRESCRIPTION_DISPENSE.PRESCRIPTION_ID).from(PRESCRIPTION_DISPENSE)
                .where(PRESCRIPTION_DISPENSE.REQUEST_ID.eq(requestId)).fetchOptional(PRESCRIPTION_DISPENSE.PRESCRIPTION_ID);
    }

    record NewRow(Optional<UUID> requestId, UUID patientId, Optional<UUID> encounterId, UUID prescriberId, int validDays, String note,
                  Optional<UUID> renewalOf, Optional<UUID> refillRequestId, OffsetDateTime at) {}

    UUID insert(NewRow r) {
        return dsl.insertInto(PRESCRIPTION)
                .set(PRESCRIPTION.REQUEST_ID, r.requestId().orElse(null))
                .set(PRESCRIPTION.PATIENT_ID, r.patientId())
                .set(PRESCRIPTION.ENCOUNTER_ID, r.encounterId().orElse(null))
                .set(PRESCRIPTION.PRESCRIBER_ID, r.prescriberId())
                .set(PRESCRIPTION.VALID_DAYS, r.validDays())
                .set(PRESCRIPTION.NOTE, r.note().isEmpty() ? null : r.note())
                .set(PRESCRIPTION.RENEWAL_OF, r.renewalOf().orElse(null))
                .set(PRESCRIPTION.REFILL_REQUEST_ID, r.refillRequestId().orElse(null))
                .set(PRESCRIPTION.CREATED_AT, r.at())
                .set(PRESCRIPTION.UPDATED_BY, r.prescriberId())
                .set(PRESCRIPTION.UPDATED_AT, r.at())
                .returning(PRESCRIPTION.ID).fetchSingle(PRESCRIPTION.ID);
    }

    /** Locks the prescription's row until the transaction ends (signing, dispensing and cancelling queue here). */
    Optional<UUID> lock(UUID id) {
        return dsl.select(PRESCRIPTION.ID).from(PRESCRIPTION).where(PRESCRIPTION.ID.eq(id)).forUpdate().fetchOptional(PRESCRIPTION.ID);
    }

    boolean encounterOf(UUID encounterId, UUID patientId) {
        return dsl.fetchExists(DSL.selectOne().from(org.medconnect.server.db.Tables.ENCOUNTER)
                .where(org.medconnect.server.db.Tables.ENCOUNTER.ID.eq(encounterId),
                        org.medconnect.server.db.Tables.ENCOUNTER.PATIENT_ID.eq(patientId)));
    }

    void replaceLines(UUID prescriptionId, List<ResolvedLine> lines) {
        dsl.deleteFrom(PRESCRIPTION_LINE).where(PRESCRIPTION_LINE.PRESCRIPTION_ID.eq(prescriptionId)).execute();
        for (ResolvedLine l : lines) {
            dsl.insertInto(PRESCRIPTION_LINE)
                    .set(PRESCRIPTION_LINE.PRESCRIPTION_ID, prescriptionId)
                    .set(PRESCRIPTION_LINE.POSITION, l.position())
                    .set(PRESCRIPTION_LINE.DRUG_KEY, l.drugKey().orElse(null))
                    .set(PRESCRIPTION_LINE.DRUG_NAME, l.drugName())
                    .set(PRESCRIPTION_LINE.INGREDIENT_KEYS, l.ingredientKeys().toArray(String[]::new))
                    .set(PRESCRIPTION_LINE.STRENGTH, l.strength())
                    .set(PRESCRIPTION_LINE.FORM, l.form())
                    .set(PRESCRIPTION_LINE.ROUTE, l.route().name())
                    .set(PRESCRIPTION_LINE.DOSE_AMOUNT, l.doseAmount())
                    .set(PRESCRIPTION_LINE.DOSE_UNIT, l.doseUnit())
                    .set(PRESCRIPTION_LINE.FREQUENCY, l.frequency().name())
                    .set(PRESCRIPTION_LINE.AS_NEEDED, l.asNeeded())
                    .set(PRESCRIPTION_LINE.DURATION_DAYS, l.durationDays())
                    .set(PRESCRIPTION_LINE.QUANTITY, l.quantity())
                    .set(PRESCRIPTION_LINE.QUANTITY_UNIT, l.quantityUnit())
                    .set(PRESCRIPTION_LINE.QUANTITY_OVERRIDDEN, l.quantityOverridden())
                    .set(PRESCRIPTION_LINE.REFILLS, l.refills())
                    .set(PRESCRIPTION_LINE.INSTRUCTIONS, l.instructions())
                    .set(PRESCRIPTION_LINE.WARNINGS, l.warnings())
                    .execute();
        }
    }

    /** Replaces the kept alerts: a draft's latest findings, or the findings it was signed with and their overrides. */
    /** Keeps these alerts (and the lines, medication and allergy each names) in place of the prescription's earlier ones. */
    void replaceAlerts(UUID prescriptionId, List<Alert> alerts, Map<String, String> overrides, UUID by, OffsetDateTime at) {
        dsl.deleteFrom(PRESCRIPTION_ALERT).where(PRESCRIPTION_ALERT.PRESCRIPTION_ID.eq(prescriptionId)).execute();
        for (Alert raised : alerts) {
            DrugChecks.Alert a = raised.alert();
            Optional<String> reason = Optional.ofNullable(overrides.get(a.key()));
            // An id whose name was not read (not on the list the check saw) is not kept: the columns pair up.
            Optional<UUID> medication = a.medicationId().filter(x -> raised.medicationName().isPresent());
            Optional<UUID> allergy = a.allergyId().filter(x -> raised.allergySubstance().isPresent());
            dsl.insertInto(PRESCRIPTION_ALERT)
                    .set(PRESCRIPTION_ALERT.PRESCRIPTION_ID, prescriptionId)
                    .set(PRESCRIPTION_ALERT.ALERT_KEY, a.key())
                    .set(PRESCRIPTION_ALERT.KIND, a.kind().name())
                    .set(PRESCRIPTION_ALERT.SEVERITY, a.severity().name())
                    .set(PRESCRIPTION_ALERT.TITLE, a.title())
                    .set(PRESCRIPTION_ALERT.CONSEQUENCE, a.consequence())
                    .set(PRESCRIPTION_ALERT.ACTION, a.action())
                    .set(PRESCRIPTION_ALERT.SOURCE, a.source())
                    .set(PRESCRIPTION_ALERT.OVERRIDE_REASON, reason.orElse(null))
                    .set(PRESCRIPTION_ALERT.OVERRIDDEN_BY, reason.map(x -> by).orElse(null))
                    .set(PRESCRIPTION_ALERT.OVERRIDDEN_AT, reason.map(x -> at).orElse(null))
                    .set(PRESCRIPTION_ALERT.LINE_POSITIONS, a.linePositions().toArray(Integer[]::new))
                    .set(PRESCRIPTION_ALERT.MEDICATION_ID, medication.orElse(null))
                    .set(PRESCRIPTION_ALERT.MEDICATION_NAME, medication.flatMap(x -> raised.medicationName()).orElse(null))
                    .set(PRESCRIPTION_ALERT.ALLERGY_ID, allergy.orElse(null))
                    .set(PRESCRIPTION_ALERT.ALLERGY_SUBSTANCE, allergy.flatMap(x -> raised.allergySubstance()).orElse(null))
                    .execute();
        }
    }

    boolean updateDraft(UUID id, int expectedVersion, int validDays, String note, UUID by, OffsetDateTime at) {
        return dsl.update(PRESCRIPTION).set(PRESCRIPTION.VALID_DAYS, validDays).set(PRESCRIPTION.NOTE, note.isEmpty() ? null : note)
                .set(PRESCRIPTION.VERSION, PRESCRIPTION.VERSION.plus(1)).set(PRESCRIPTION.UPDATED_BY, by).set(PRESCRIPTION.UPDATED_AT, at)
                .where(PRESCRIPTION.ID.eq(id), PRESCRIPTION.VERSION.eq(expectedVersion), PRESCRIPTION.STATUS.eq("DRAFT"))
                .execute() == 1;
    }

    boolean sign(UUID id, int expectedVersion, LocalDate validUntil, UUID by, OffsetDateTime at) {
        return dsl.update(PRESCRIPTION).set(PRESCRIPTION.STATUS, Status.SIGNED.name()).set(PRESCRIPTION.SIGNED_AT, at)
                .set(PRESCRIPTION.VALID_UNTIL, validUntil)
                .set(PRESCRIPTION.VERSION, PRESCRIPTION.VERSION.plus(1)).set(PRESCRIPTION.UPDATED_BY, by).set(PRESCRIPTION.UPDATED_AT, at)
                .where(PRESCRIPTION.ID.eq(id), PRESCRIPTION.VERSION.eq(expectedVersion), PRESCRIPTION.STATUS.eq("DRAFT"))
                .execute() == 1;
    }

    boolean cancel(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(PRESCRIPTION).set(PRESCRIPTION.STATUS, Status.CANCELLED.name()).set(PRESCRIPTION.CANCELLED_AT, at)
                .set(PRESCRIPTION.CANCELLED_BY, by).set(PRESCRIPTION.CANCEL_REASON, reason)
                .set(PRESCRIPTION.VERSION, PRESCRIPTION.VERSION.plus(1)).set(PRESCRIPTION.UPDATED_BY, by).set(PRESCRIPTION.UPDATED_AT, at)
                .where(PRESCRIPTION.ID.eq(id), PRESCRIPTION.VERSION.eq(expectedVersion), PRESCRIPTION.STATUS.in("DRAFT", "SIGNED"))
                .execute() == 1;
    }

    void dispensed(UUID id, Status status, UUID by, OffsetDateTime at) {
        dsl.update(PRESCRIPTION).set(PRESCRIPTION.STATUS, status.name())
                .set(PRESCRIPTION.VERSION, PRESCRIPTION.VERSION.plus(1)).set(PRESCRIPTION.UPDATED_BY, by).set(PRESCRIPTION.UPDATED_AT, at)
                .where(PRESCRIPTION.ID.eq(id)).execute();
    }

    boolean anyDispensed(UUID id) {
        return dsl.fetchExists(PRESCRIPTION_DISPENSE, PRESCRIPTION_DISPENSE.PRESCRIPTION_ID.eq(id));
    }

    void insertDispense(Optional<UUID> requestId, UUID prescriptionId, UUID lineId, LocalDate on, BigDecimal quantity,
                        DispenseSource source, UUID by, OffsetDateTime at) {
        dsl.insertInto(PRESCRIPTION_DISPENSE).set(PRESCRIPTION_DISPENSE.REQUEST_ID, requestId.orElse(null))
                .set(PRESCRIPTION_DISPENSE.PRESCRIPTION_ID, prescriptionId).set(PRESCRIPTION_DISPENSE.LINE_ID, lineId)
                .set(PRESCRIPTION_DISPENSE.DISPENSED_ON, on).set(PRESCRIPTION_DISPENSE.QUANTITY, quantity)
                .set(PRESCRIPTION_DISPENSE.SOURCE, source.name()).set(PRESCRIPTION_DISPENSE.RECORDED_BY, by)
                .set(PRESCRIPTION_DISPENSE.RECORDED_AT, at).execute();
    }

    /** The prescription as stored (status as stored: the service derives EXPIRED). */
    Optional<Prescription> find(UUID id) {
        Optional<Record> row = dsl.select(PRESCRIPTION.asterisk(), PRESCRIPTION_DOCUMENT.SHA256)
                .select(PRESCRIBER.DISPLAY_NAME.as("prescriber_name"), UPDATER.DISPLAY_NAME.as("updater_name"))
                .from(PRESCRIPTION)
                .join(PRESCRIBER).on(PRESCRIBER.ID.eq(PRESCRIPTION.PRESCRIBER_ID))
                .join(UPDATER).on(UPDATER.ID.eq(PRESCRIPTION.UPDATED_BY))
                .leftJoin(PRESCRIPTION_DOCUMENT).on(PRESCRIPTION_DOCUMENT.PRESCRIPTION_ID.eq(PRESCRIPTION.ID))
                .where(PRESCRIPTION.ID.eq(id)).fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Record r = row.get();
        byte[] sha = r.get(PRESCRIPTION_DOCUMENT.SHA256);
        return Optional.of(new Prescription(r.get(PRESCRIPTION.ID), r.get(PRESCRIPTION.PATIENT_ID),
                Optional.ofNullable(r.get(PRESCRIPTION.ENCOUNTER_ID)), r.get(PRESCRIPTION.PRESCRIBER_ID),
                r.get(DSL.field("prescriber_name", String.class)), Status.valueOf(r.get(PRESCRIPTION.STATUS)),
                r.get(PRESCRIPTION.VALID_DAYS), Optional.ofNullable(r.get(PRESCRIPTION.VALID_UNTIL)), lines(id), alerts(id),
                Optional.ofNullable(r.get(PRESCRIPTION.RENEWAL_OF)), Optional.ofNullable(r.get(PRESCRIPTION.REFILL_REQUEST_ID)),
                r.get(PRESCRIPTION.NOTE) == null ? "" : r.get(PRESCRIPTION.NOTE), r.get(PRESCRIPTION.CREATED_AT),
                Optional.ofNullable(r.get(PRESCRIPTION.SIGNED_AT)), Optional.ofNullable(r.get(PRESCRIPTION.CANCEL_REASON)),
                r.get(PRESCRIPTION.VERSION), Optional.ofNullable(sha).map(HexFormat.of()::formatHex),
                r.get(DSL.field("updater_name", String.class)), r.get(PRESCRIPTION.UPDATED_AT)));
    }

    List<Line> lines(UUID prescriptionId) {
        var dispensed = DSL.field(DSL.select(DSL.coalesce(DSL.sum(PRESCRIPTION_DISPENSE.QUANTITY), BigDecimal.ZERO))
                .from(PRESCRIPTION_DISPENSE).where(PRESCRIPTION_DISPENSE.LINE_ID.eq(PRESCRIPTION_LINE.ID)));
        return dsl.select(PRESCRIPTION_LINE.asterisk(), dispensed.as("dispensed")).from(PRESCRIPTION_LINE)
                .where(PRESCRIPTION_LINE.PRESCRIPTION_ID.eq(prescriptionId)).orderBy(PRESCRIPTION_LINE.POSITION)
                .fetch(r -> new Line(r.get(PRESCRIPTION_LINE.ID), toLine(r), r.get("dispensed", BigDecimal.class)));
    }

    private static ResolvedLine toLine(Record r) {
        return new ResolvedLine(r.get(PRESCRIPTION_LINE.POSITION), Optional.ofNullable(r.get(PRESCRIPTION_LINE.DRUG_KEY)),
                r.get(PRESCRIPTION_LINE.DRUG_NAME), Arrays.asList(r.get(PRESCRIPTION_LINE.INGREDIENT_KEYS)), r.get(PRESCRIPTION_LINE.STRENGTH),
                r.get(PRESCRIPTION_LINE.FORM), Route.valueOf(r.get(PRESCRIPTION_LINE.ROUTE)), r.get(PRESCRIPTION_LINE.DOSE_AMOUNT),
                r.get(PRESCRIPTION_LINE.DOSE_UNIT), Frequency.valueOf(r.get(PRESCRIPTION_LINE.FREQUENCY)), r.get(PRESCRIPTION_LINE.AS_NEEDED),
                r.get(PRESCRIPTION_LINE.DURATION_DAYS), r.get(PRESCRIPTION_LINE.QUANTITY), r.get(PRESCRIPTION_LINE.QUANTITY_UNIT),
                r.get(PRESCRIPTION_LINE.QUANTITY_OVERRIDDEN), r.get(PRESCRIPTION_LINE.REFILLS), r.get(PRESCRIPTION_LINE.INSTRUCTIONS),
                r.get(PRESCRIPTION_LINE.WARNINGS));
    }

    /** Kept alerts, HIGH first; line positions, medication and allergy are not kept (the prescription's lines name the drugs). */
    List<Alert> alerts(UUID prescriptionId) {
        return dsl.select(PRESCRIPTION_ALERT.asterisk(), OVERRIDER.DISPLAY_NAME).from(PRESCRIPTION_ALERT)
                .leftJoin(OVERRIDER).on(OVERRIDER.ID.eq(PRESCRIPTION_ALERT.OVERRIDDEN_BY))
                .where(PRESCRIPTION_ALERT.PRESCRIPTION_ID.eq(prescriptionId))
                .orderBy(DSL.when(PRESCRIPTION_ALERT.SEVERITY.eq("HIGH"), 0).when(PRESCRIPTION_ALERT.SEVERITY.eq("MODERATE"), 1).otherwise(2),
                        PRESCRIPTION_ALERT.ALERT_KEY)
                .fetch(r -> new Alert(new DrugChecks.Alert(r.get(PRESCRIPTION_ALERT.ALERT_KEY),
                        DrugChecks.Kind.valueOf(r.get(PRESCRIPTION_ALERT.KIND)), DrugChecks.Severity.valueOf(r.get(PRESCRIPTION_ALERT.SEVERITY)),
                        r.get(PRESCRIPTION_ALERT.TITLE), r.get(PRESCRIPTION_ALERT.CONSEQUENCE), r.get(PRESCRIPTION_ALERT.ACTION),
                        r.get(PRESCRIPTION_ALERT.SOURCE), Arrays.asList(r.get(PRESCRIPTION_ALERT.LINE_POSITIONS)),
                        Optional.ofNullable(r.get(PRESCRIPTION_ALERT.MEDICATION_ID)), Optional.ofNullable(r.get(PRESCRIPTION_ALERT.ALLERGY_ID))),
                        Optional.ofNullable(r.get(PRESCRIPTION_ALERT.MEDICATION_NAME)), Optional.ofNullable(r.get(PRESCRIPTION_ALERT.ALLERGY_SUBSTANCE)), "",
                        Optional.ofNullable(r.get(PRESCRIPTION_ALERT.OVERRIDE_REASON)), Optional.ofNullable(r.get(OVERRIDER.DISPLAY_NAME)),
                        Optional.ofNullable(r.get(PRESCRIPTION_ALERT.OVERRIDDEN_AT))));
    }

    /** A patient's prescriptions, newest first; {@code open}: drafts, signed and partly dispensed only. */
    List<Summary> list(UUID patientId, boolean open) {
        var drugs = DSL.field(DSL.select(DSL.groupConcat(DSL.concat(PRESCRIPTION_LINE.DRUG_NAME,
                        DSL.when(PRESCRIPTION_LINE.STRENGTH.ne(""), DSL.concat(DSL.inline(" "), PRESCRIPTION_LINE.STRENGTH)).otherwise(""),
                        DSL.when(PRESCRIPTION_LINE.FORM.ne(""), DSL.concat(DSL.inline(" "), PRESCRIPTION_LINE.FORM)).otherwise("")))
                        .orderBy(PRESCRIPTION_LINE.POSITION).separator("; "))
                .from(PRESCRIPTION_LINE).where(PRESCRIPTION_LINE.PRESCRIPTION_ID.eq(PRESCRIPTION.ID)));
        var alertCount = DSL.field(DSL.selectCount().from(PRESCRIPTION_ALERT).where(PRESCRIPTION_ALERT.PRESCRIPTION_ID.eq(PRESCRIPTION.ID)));
        var overridden = DSL.field(DSL.selectCount().from(PRESCRIPTION_ALERT)
                .where(PRESCRIPTION_ALERT.PRESCRIPTION_ID.eq(PRESCRIPTION.ID), PRESCRIPTION_ALERT.OVERRIDE_REASON.isNotNull()));
        var where = PRESCRIPTION.PATIENT_ID.eq(patientId);
        if (open) {
            where = where.and(PRESCRIPTION.STATUS.in("DRAFT", "SIGNED", "PARTLY_DISPENSED"));
        }
        return dsl.select(PRESCRIPTION.ID, PRESCRIPTION.STATUS, PRESCRIBER.DISPLAY_NAME, PRESCRIPTION.CREATED_AT, PRESCRIPTION.SIGNED_AT,
                        PRESCRIPTION.VALID_UNTIL, drugs, alertCount, overridden, PRESCRIPTION.RENEWAL_OF)
                .from(PRESCRIPTION).join(PRESCRIBER).on(PRESCRIBER.ID.eq(PRESCRIPTION.PRESCRIBER_ID))
                .where(where).orderBy(PRESCRIPTION.CREATED_AT.desc(), PRESCRIPTION.ID.desc())
                .fetch(r -> new Summary(r.value1(), Status.valueOf(r.value2()), r.value3(), r.value4(), Optional.ofNullable(r.value5()),
                        Optional.ofNullable(r.value6()), r.value7() == null ? "" : r.value7(), r.value8(), r.value9(),
                        Optional.ofNullable(r.value10())));
    }

    /** One dispensing of a line, for adherence. */
    record Dispensing(UUID lineId, LocalDate on, BigDecimal quantity) {}

    /** Signed lines of the patient that have dispensings, and those dispensings (date order). */
    Map<UUID, ResolvedLine> dispensedLines(UUID patientId) {
        return dsl.select(PRESCRIPTION_LINE.asterisk()).from(PRESCRIPTION_LINE)
                .join(PRESCRIPTION).on(PRESCRIPTION.ID.eq(PRESCRIPTION_LINE.PRESCRIPTION_ID))
                .where(PRESCRIPTION.PATIENT_ID.eq(patientId),
                        DSL.exists(DSL.selectOne().from(PRESCRIPTION_DISPENSE).where(PRESCRIPTION_DISPENSE.LINE_ID.eq(PRESCRIPTION_LINE.ID))))
                .fetch().stream().collect(Collectors.toMap(r -> r.get(PRESCRIPTION_LINE.ID), PrescriptionRepository::toLine));
    }

    List<Dispensing> dispensings(UUID patientId, LocalDate until) {
        return dsl.select(PRESCRIPTION_DISPENSE.LINE_ID, PRESCRIPTION_DISPENSE.DISPENSED_ON, PRESCRIPTION_DISPENSE.QUANTITY)
                .from(PRESCRIPTION_DISPENSE).join(PRESCRIPTION).on(PRESCRIPTION.ID.eq(PRESCRIPTION_DISPENSE.PRESCRIPTION_ID))
                .where(PRESCRIPTION.PATIENT_ID.eq(patientId), PRESCRIPTION_DISPENSE.DISPENSED_ON.le(until))
                .orderBy(PRESCRIPTION_DISPENSE.DISPENSED_ON, PRESCRIPTION_DISPENSE.RECORDED_AT)
                .fetch(r -> new Dispensing(r.value1(), r.value2(), r.value3()));
    }

    // ---- history ----

    /** A ledger version of the prescription: its change word, who and when. */
    record Version(int version, String change, String byName, OffsetDateTime at) {}

    List<Version> versions(UUID prescriptionId) {
        return dsl.select(CHART_ENTRY_HISTORY.VERSION, CHART_ENTRY_HISTORY.CHANGE, STAFF_USER.DISPLAY_NAME, CHART_ENTRY_HISTORY.CHANGED_AT)
                .from(CHART_ENTRY_HISTORY).join(STAFF_USER).on(STAFF_USER.ID.eq(CHART_ENTRY_HISTORY.CHANGED_BY))
                .where(CHART_ENTRY_HISTORY.ENTRY_KIND.eq("PRESCRIPTION"), CHART_ENTRY_HISTORY.ENTRY_ID.eq(prescriptionId))
                .orderBy(CHART_ENTRY_HISTORY.VERSION)
                .fetch(r -> new Version(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    record DispenseStep(OffsetDateTime at, String byName, BigDecimal quantity, String unit, String drugName) {}

    List<DispenseStep> dispenseSteps(UUID prescriptionId) {
        return dsl.select(PRESCRIPTION_DISPENSE.RECORDED_AT, STAFF_USER.DISPLAY_NAME, PRESCRIPTION_DISPENSE.QUANTITY,
                        PRESCRIPTION_LINE.QUANTITY_UNIT, PRESCRIPTION_LINE.DRUG_NAME)
                .from(PRESCRIPTION_DISPENSE).join(STAFF_USER).on(STAFF_USER.ID.eq(PRESCRIPTION_DISPENSE.RECORDED_BY))
                .join(PRESCRIPTION_LINE).on(PRESCRIPTION_LINE.ID.eq(PRESCRIPTION_DISPENSE.LINE_ID))
                .where(PRESCRIPTION_DISPENSE.PRESCRIPTION_ID.eq(prescriptionId)).orderBy(PRESCRIPTION_DISPENSE.RECORDED_AT)
                .fetch(r -> new DispenseStep(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    record Renewed(UUID id, OffsetDateTime at, String byName) {}

    List<Renewed> renewals(UUID prescriptionId) {
        return dsl.select(PRESCRIPTION.ID, PRESCRIPTION.CREATED_AT, STAFF_USER.DISPLAY_NAME).from(PRESCRIPTION)
                .join(STAFF_USER).on(STAFF_USER.ID.eq(PRESCRIPTION.PRESCRIBER_ID))
                .where(PRESCRIPTION.RENEWAL_OF.eq(prescriptionId)).orderBy(PRESCRIPTION.CREATED_AT)
                .fetch(r -> new Renewed(r.value1(), r.value2(), r.value3()));
    }
}
