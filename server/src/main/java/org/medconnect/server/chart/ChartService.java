package org.medconnect.server.chart;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.chart.ChartModel.AccessPage;
import org.medconnect.server.chart.ChartModel.AllergyItem;
import org.medconnect.server.chart.ChartModel.AllergyState;
import org.medconnect.server.chart.ChartModel.EntryVersion;
import org.medconnect.server.chart.ChartModel.FieldChange;
import org.medconnect.server.chart.ChartModel.GlassGrant;
import org.medconnect.server.chart.ChartModel.GlassGrantPage;
import org.medconnect.server.chart.ChartModel.HistoryPage;
import org.medconnect.server.chart.ChartModel.PatientHeader;
import org.medconnect.server.chart.ChartModel.Summary;
import org.medconnect.server.chart.ChartModel.TrendPoint;
import org.medconnect.server.chart.ChartModel.Vitals;
import org.medconnect.server.chart.ChartModel.VitalsRow;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;

/**
 * The chart's spine (issue 12, decision 0029): opening a chart and its summary, break the
 * glass and its review, "who looked at this chart", the field-by-field history and the
 * live chart stream. Each use case is one transaction that asks {@link ChartAccess} first.
 */
public final class ChartService {

    /** How long a broken glass lets a doctor in. */
    public static final Duration BREAK_GLASS_LIFETIME = Duration.ofHours(4);
    /** How many values each vitals trend in the summary shows. */
    static final int TREND_POINTS = 8;
    /** Vitals sets read for the trends: sets often measure only some values. */
    private static final int VITALS_READ = 24;
    private static final int REASON_MAX = 500;
    private static final Pattern ENTRY_KIND = Pattern.compile("^[A-Z][A-Z_]{1,39}$");

    private final DSLContext dsl;
    private final ChartFeed feed;
    private final Clock clock;
    private final ZoneId zone;

    public ChartService(DSLContext dsl, ChartFeed feed, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.feed = feed;
        this.clock = clock;
        this.zone = zone;
    }

    // ---- opening the chart ----

    /** The summary, and a line in the chart's access log. Doctors with access; nurses for today's patients. */
    public Summary open(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            ChartAccess access = ChartAccess.in(cfg.dsl(), clock, zone);
            ChartAccess.Granted granted = access.requireTriage(caller, patientId);
            access.recordOpen(caller, patientId, granted);
            return summary(cfg.dsl(), patientId, granted);
        });
    }

    /** The summary again (after a change), without a new access log line. */
    public Summary summary(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.Granted granted = ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, patientId);
            return summary(cfg.dsl(), patientId, granted);
        });
    }

    private Summary summary(DSLContext tx, UUID patientId, ChartAccess.Granted granted) {
        var repo = new ChartSummaryRepository(tx);
        // Read first: a watcher resuming after it sees every change this summary might have missed.
        long asOf = repo.lastSequence();
        OffsetDateTime now = now();
        PatientHeader header = header(repo.patient(patientId).orElseThrow(() -> new DomainException.NotFound("No patient with that id.")),
                now.atZoneSameInstant(zone).toLocalDate());
        List<AllergyItem> allergies = repo.activeAllergies(patientId);
        AllergyState state = !allergies.isEmpty() ? AllergyState.ALLERGIC
                : repo.noKnownAllergies(patientId).filter(b -> b).isPresent() ? AllergyState.NONE_KNOWN : AllergyState.NOT_ASKED;
        Optional<OffsetDateTime> expires = granted.basis() == ChartAccess.Basis.BREAK_GLASS
                ? granted.grantId().flatMap(repo::grantExpiry) : Optional.empty();
        return new Summary(header, state, allergies, repo.activeProblems(patientId), repo.currentMedications(patientId),
                vitals(repo.recentVitals(patientId, VITALS_READ)), repo.nextAppointment(patientId, now),
                repo.openEncounter(patientId), repo.currentAdmission(patientId), asOf, granted.basis(), expires);
    }

    private static PatientHeader header(Record r, LocalDate today) {
        LocalDate born = r.get(4, LocalDate.class);
        return new PatientHeader(r.get(0, UUID.class), r.get(1, String.class) + " " + r.get(2, String.class),
                r.get(3, String.class), born, Math.max(0, Period.between(born, today).getYears()), r.get(5, String.class),
                Optional.ofNullable(r.get(6, String.class)), Optional.ofNullable(r.get(7, String.class)));
    }

    /** The latest set and each watched measure's last few values, oldest first. */
    static Optional<Vitals> vitals(List<VitalsRow> newestFirst) {
        if (newestFirst.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Vitals(newestFirst.getFirst(),
                trend(newestFirst, v -> v.systolic().flatMap(s -> v.diastolic().map(d -> new double[] {s, d}))),
                trend(newestFirst, v -> v.pulse().map(p -> new double[] {p, 0})),
                trend(newestFirst, v -> v.weight().map(w -> new double[] {w, 0})),
                trend(newestFirst, v -> v.temperature().map(t -> new double[] {t, 0}))));
    }

    private static List<TrendPoint> trend(List<VitalsRow> newestFirst, Function<VitalsRow, Optional<double[]>> value) {
        List<TrendPoint> points = new ArrayList<>();
        for (VitalsRow row : newestFirst) {
            value.apply(row).ifPresent(v -> points.add(new TrendPoint(row.measuredAt(), v[0], v[1])));
            if (points.size() == TREND_POINTS) {
                break;
            }
        }
        return points.reversed();
    }

    // ---- break the glass ----

    /**
     * A doctor without a care relation opens the chart anyway: a grant for
     * {@link #BREAK_GLASS_LIFETIME}, an audit entry, an access log line and an inbox item for
     * every admin. A retry with the same request id answers the first grant.
     */
    public GlassGrant breakTheGlass(Principal caller, UUID patientId, String reason, Optional<UUID> requestId) {
        if (caller.role() != Role.DOCTOR) {
            throw new DomainException.PermissionDenied("Only doctors break the glass.");
        }
        Optional<UUID> earlier = InsertOnce.earlier(requestId, new ChartGrantRepository(dsl)::findIdByRequestId);
        if (earlier.isPresent()) {
            return grant(earlier.get());
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw DomainException.InvalidInput.of("reason", "Say why you need this chart; the reason is recorded.");
        }
        if (why.length() > REASON_MAX) {
            throw DomainException.InvalidInput.of("reason", "Keep the reason under " + REASON_MAX + " characters.");
        }
        UUID id = InsertOnce.insert(dsl, requestId, "chart_access_grant_request_id_key",
                new ChartGrantRepository(dsl)::findIdByRequestId, tx -> {
                    ChartAccess access = ChartAccess.in(tx, clock, zone);
                    if (access.mayOpenFullChart(caller, patientId)) {
                        // A retry of this very request that committed a moment ago is what let the caller in: answer it.
                        Optional<UUID> same = requestId.flatMap(new ChartGrantRepository(tx)::findIdByRequestId);
                        if (same.isPresent()) {
                            return same.get();
                        }
                        throw new DomainException.FailedPrecondition("ACCESS_ALREADY_GRANTED",
                                "You already have access to this chart; open it without breaking the glass.");
                    }
                    var grants = new ChartGrantRepository(tx);
                    OffsetDateTime now = now();
                    UUID grantId = grants.insertBreakGlass(patientId, caller.userId(), why, now, now.plus(BREAK_GLASS_LIFETIME),
                            requestId);
                    new ChartAccessRepository(tx).log(patientId, caller.userId(), caller.role().name(), "BREAK_GLASS",
                            Optional.empty(), ChartAccess.Basis.BREAK_GLASS.name(), Optional.of(grantId), now);
                    String patient = grants.patientLabel(patientId);
                    // The audit and the inbox name who and whose chart; the typed reason stays in the grant.
                    AuditTrail.in(tx).record(caller.userId(), "CHART_BREAK_GLASS", "patient", patientId,
                            "grant " + grantId + ", " + BREAK_GLASS_LIFETIME.toHours() + " hours", now);
                    ChartNews.in(tx).tellEvery("ADMIN", NotificationModel.Kind.BREAK_THE_GLASS,
                            caller.displayName() + " broke the glass",
                            caller.displayName() + " opened the chart of " + patient
                                    + " without a care relation. Review it under Break the glass.",
                            patientId, now.toInstant());
                    return grantId;
                }, e -> e);
        return grant(id);
    }

    private GlassGrant grant(UUID id) {
        return new ChartGrantRepository(dsl).grant(id).orElseThrow(() -> new DomainException.NotFound("No such grant."));
    }

    /** Break-the-glass grants, newest first. Admins. */
    public GlassGrantPage listBreakTheGlass(boolean unreviewedOnly, int offset, int limit) {
        return dsl.transactionResult(cfg -> {
            var grants = new ChartGrantRepository(cfg.dsl());
            return new GlassGrantPage(grants.breakGlassGrants(unreviewedOnly, offset, limit),
                    grants.countBreakGlass(unreviewedOnly), grants.countBreakGlass(true));
        });
    }

    /** An admin marks a grant reviewed; a second review is refused naming the first reviewer. */
    public GlassGrant reviewBreakTheGlass(Principal admin, UUID grantId, Optional<String> note) {
        Optional<String> text = note.map(String::strip).filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > REASON_MAX) {
            throw DomainException.InvalidInput.of("note", "Keep the note under " + REASON_MAX + " characters.");
        }
        return dsl.transactionResult(cfg -> {
            var grants = new ChartGrantRepository(cfg.dsl());
            GlassGrant before = grants.grant(grantId).orElseThrow(() -> new DomainException.NotFound("No break-the-glass grant with that id."));
            OffsetDateTime now = now();
            if (!grants.markReviewed(grantId, admin.userId(), now, text)) {
                GlassGrant done = grants.grant(grantId).orElse(before);
                throw new DomainException.FailedPrecondition("ALREADY_REVIEWED",
                        "Already reviewed by " + done.reviewedBy().orElse("another admin") + ".");
            }
            AuditTrail.in(cfg.dsl()).record(admin.userId(), "CHART_BREAK_GLASS_REVIEWED", "chart_access_grant", grantId,
                    "patient " + before.patientId(), now);
            return grants.grant(grantId).orElseThrow();
        });
    }

    // ---- who looked ----

    /** "Who looked at this chart", newest first: the patient's doctors and admins. */
    public AccessPage listAccess(Principal caller, UUID patientId, int offset, int limit) {
        return dsl.transactionResult(cfg -> {
            if (caller.role() == Role.ADMIN) {
                if (new ChartSummaryRepository(cfg.dsl()).patient(patientId).isEmpty()) {
                    throw new DomainException.NotFound("No patient with that id.");
                }
            } else {
                ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            }
            var grants = new ChartGrantRepository(cfg.dsl());
            return new AccessPage(grants.accessLog(patientId, offset, limit), grants.countAccessLog(patientId));
        });
    }

    // ---- history ----

    /** One entry's versions, oldest first, each with the fields that changed. */
    public List<EntryVersion> entryHistory(Principal caller, String entryKind, UUID entryId) {
        if (entryKind == null || !ENTRY_KIND.matcher(entryKind).matches()) {
            throw DomainException.InvalidInput.of("entry_kind", "Name the kind of entry in capitals, e.g. VITALS.");
        }
        return dsl.transactionResult(cfg -> {
            var rows = new ChartHistoryRepository(cfg.dsl()).entry(entryKind, entryId);
            if (rows.isEmpty()) {
                throw new DomainException.NotFound("No history for that entry.");
            }
            ChartAccess access = ChartAccess.in(cfg.dsl(), clock, zone);
            UUID patientId = rows.getFirst().patientId();
            if (ChartModel.TRIAGE_KINDS.contains(entryKind)) {
                access.requireTriage(caller, patientId);
            } else {
                access.requireFullChart(caller, patientId);
            }
            return rows.stream().map(ChartService::version).toList();
        });
    }

    /** A patient's versions, newest first; a nurse sees vitals and allergies only. */
    public HistoryPage chartHistory(Principal caller, UUID patientId, int offset, int limit) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, patientId);
            Optional<Set<String>> kinds = visibleKinds(caller);
            var history = new ChartHistoryRepository(cfg.dsl());
            return new HistoryPage(history.patient(patientId, kinds, offset, limit).stream().map(ChartService::version).toList(),
                    history.count(patientId, kinds));
        });
    }

    private static Optional<Set<String>> visibleKinds(Principal caller) {
        return caller.role() == Role.NURSE ? Optional.of(ChartModel.TRIAGE_KINDS) : Optional.empty();
    }

    private static EntryVersion version(ChartHistoryRepository.Row row) {
        return new EntryVersion(row.entryKind(), row.entryId(), row.version(), row.change(), row.changedBy(), row.changedAt(),
                diff(row.before(), row.fields()));
    }

    /**
     * The fields that differ, in the newer version's order, then fields the newer version
     * dropped. Every field of a first version is a change from nothing.
     */
    static List<FieldChange> diff(List<ChartLedger.Field> before, List<ChartLedger.Field> after) {
        Map<String, String> old = new java.util.LinkedHashMap<>();
        before.forEach(f -> old.put(f.name(), f.value()));
        List<FieldChange> changes = new ArrayList<>();
        for (ChartLedger.Field f : after) {
            String was = old.remove(f.name());
            if (was == null ? !f.value().isEmpty() : !was.equals(f.value())) {
                changes.add(new FieldChange(f.name(), was == null ? "" : was, f.value()));
            }
        }
        old.forEach((name, was) -> {
            if (!was.isEmpty()) {
                changes.add(new FieldChange(name, was, ""));
            }
        });
        return changes;
    }

    // ---- live ----

    /**
     * Streams one patient's chart changes. Access is checked now: doctors with the full chart
     * get every kind, nurses (patient checked in today) vitals and allergies only.
     */
    public ChartFeed.Subscription watch(Principal caller, UUID patientId, OptionalLong after, ChartFeed.Sink sink) {
        dsl.transaction(cfg -> ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, patientId));
        return feed.watch(caller.sessionTokenHash(), new ChartFeed.Filter(patientId, visibleKinds(caller)), after, sink);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

}
