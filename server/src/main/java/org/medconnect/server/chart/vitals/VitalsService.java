package org.medconnect.server.chart.vitals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.vitals.VitalsModel.Listing;
import org.medconnect.server.chart.vitals.VitalsModel.ListQuery;
import org.medconnect.server.chart.vitals.VitalsModel.VitalSet;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.chart.VitalSigns;
import org.medconnect.shared.chart.VitalSigns.Reading;
import org.medconnect.shared.chart.VitalSigns.Vital;
import org.medconnect.shared.validation.FieldError;

/**
 * Vital signs (issue 12, decision 0031): a nurse records them for a patient checked in today,
 * a doctor with access to the chart too; implausible values are refused with the shared rules,
 * every set and every "entered in error" is a version in the chart's ledger.
 */
public final class VitalsService {

    /** How far back a set may be dated when it is typed in late (a paper chart from last week). */
    static final Duration MAX_BACKDATE = Duration.ofDays(30);
    /** A workstation clock a little ahead of the server's is not "the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public VitalsService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    /** Records one set; a retry with the same request id answers the first set. */
    public VitalSet record(Principal caller, Optional<UUID> requestId, UUID patientId, Optional<Instant> measuredAt, Reading reading) {
        List<FieldError> problems = VitalSigns.problems(reading);
        if (!problems.isEmpty()) {
            throw new DomainException.InvalidInput(problems);
        }
        OffsetDateTime now = now();
        OffsetDateTime at = measuredAt.map(i -> i.atOffset(now.getOffset())).orElse(now);
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw DomainException.InvalidInput.of("measured_at", "Vitals cannot be measured in the future; check the time.");
        }
        if (at.isBefore(now.minus(MAX_BACKDATE))) {
            throw DomainException.InvalidInput.of("measured_at", "Vitals can be entered up to 30 days after they were measured.");
        }
        Optional<UUID> earlier = InsertOnce.earlier(requestId, id -> dsl.transactionResult(cfg -> new VitalsRepository(cfg.dsl()).byRequestId(id)));
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, requestId, VitalsRepository.REQUEST_ID_CONSTRAINT,
                rid -> new VitalsRepository(dsl).byRequestId(rid),
                tx -> {
                    ChartAccess.in(tx, clock, zone).requireTriage(caller, patientId);
                    VitalsRepository vitals = new VitalsRepository(tx);
                    UUID created = vitals.insert(requestId, patientId, at, reading, caller.userId(), now);
                    VitalSet set = vitals.find(created).orElseThrow();
                    ChartLedger.in(tx).record(new ChartLedger.Change(patientId, "VITALS", created, 1, "CREATED", caller.userId(), now,
                            fields(set)));
                    return created;
                }, VitalsService::translate));
        return dsl.transactionResult(cfg -> {
            VitalSet set = new VitalsRepository(cfg.dsl()).find(id).orElseThrow();
            // A retry is answered only to someone who may see the chart.
            ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, set.patientId());
            if (!set.patientId().equals(patientId)) {
                throw DomainException.InvalidInput.of("request_id", "This request id was used for another patient; send a new one.");
            }
            return set;
        });
    }

    /** The table's page (newest first) and, when asked, the trend's sets (oldest first, never entered in error). */
    public Listing list(Principal caller, ListQuery q) {
        if (q.from().isPresent() && q.to().isPresent() && !q.to().get().isAfter(q.from().get())) {
            throw DomainException.InvalidInput.of("to", "The end of the range must be after its start.");
        }
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, q.patientId());
            VitalsRepository vitals = new VitalsRepository(cfg.dsl());
            var page = vitals.page(q.patientId(), q.from(), q.to(), q.includeEnteredInError(), q.limit(), q.offset());
            return new Listing(page, q.trend() ? vitals.trend(q.patientId(), q.from(), q.to()) : List.of());
        });
    }

    /** Marks a set entered in error; it leaves the trend and stays in the history. */
    public VitalSet markEnteredInError(Principal caller, UUID id, int expectedVersion, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw DomainException.InvalidInput.of("reason", "Say why these vitals are in error (1 to 500 characters).");
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            VitalsRepository vitals = new VitalsRepository(tx);
            VitalSet before = vitals.find(id).orElseThrow(() -> new DomainException.NotFound("These vitals do not exist."));
            ChartAccess.in(tx, clock, zone).requireTriage(caller, before.patientId());
            OffsetDateTime now = now();
            if (!vitals.markEnteredInError(id, expectedVersion, why, caller.userId(), now)) {
                VitalSet current = vitals.find(id).orElseThrow();
                if (current.version() == expectedVersion && current.enteredInError()) {
                    throw new DomainException.FailedPrecondition("ALREADY_ENTERED_IN_ERROR", "These vitals are already marked entered in error.");
                }
                throw ChartLedger.staleEdit(current.updatedByName(), current.updatedAt(), now, zone);
            }
            VitalSet after = vitals.find(id).orElseThrow();
            ChartLedger.in(tx).record(new ChartLedger.Change(after.patientId(), "VITALS", id, after.version(), "ENTERED_IN_ERROR",
                    caller.userId(), now, fields(after)));
            return after;
        });
    }

    /** The set as a person reads it, in display order, for the field-by-field history. */
    List<ChartLedger.Field> fields(VitalSet s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Measured at", DAY_TIME.format(s.measuredAt().atZoneSameInstant(zone)));
        Reading r = s.reading();
        if (r.systolic().isPresent()) {
            f.put("Blood pressure", r.systolic().get().toPlainString() + "/" + r.diastolic().orElseThrow().toPlainString() + " mmHg");
        }
        for (Vital v : List.of(Vital.HEART_RATE, Vital.TEMPERATURE, Vital.RESPIRATORY_RATE, Vital.OXYGEN_SATURATION, Vital.BODY_WEIGHT,
                Vital.BODY_HEIGHT)) {
            r.get(v).ifPresent(value -> f.put(label(v), v.format(value)));
        }
        s.bmi().ifPresent(b -> f.put("BMI", Vital.BMI.format(b)));
        f.put("Status", s.enteredInError() ? "Entered in error" : "Final");
        s.errorReason().ifPresent(why -> f.put("Reason", why));
        return ChartLedger.fields(f);
    }

    private static String label(Vital v) {
        return switch (v) {
            case HEART_RATE -> "Pulse";
            case OXYGEN_SATURATION -> "SpO2";
            default -> Character.toUpperCase(v.noun().charAt(0)) + v.noun().substring(1);
        };
    }

    private static RuntimeException translate(DataAccessException e) {
        // The table's checks repeat the shared plausibility rules; a value that slipped past
        // them (an older workstation) is still the user's mistake, not an internal error.
        if ("23514".equals(e.sqlState())) {
            return DomainException.InvalidInput.of("values", "One of these values is not possible; check the readings.");
        }
        return e;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

}
