package org.medconnect.server.prescription;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.medication.MedicationService;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.prescription.PrescriptionModel.Adherence;
import org.medconnect.server.prescription.PrescriptionModel.Alert;
import org.medconnect.server.prescription.PrescriptionModel.Checked;
import org.medconnect.server.prescription.PrescriptionModel.Detailed;
import org.medconnect.server.prescription.PrescriptionModel.Dispense;
import org.medconnect.server.prescription.PrescriptionModel.DraftChanges;
import org.medconnect.server.prescription.PrescriptionModel.HistoryEntry;
import org.medconnect.server.prescription.PrescriptionModel.Line;
import org.medconnect.server.prescription.PrescriptionModel.LineInput;
import org.medconnect.server.prescription.PrescriptionModel.NewPrescription;
import org.medconnect.server.prescription.PrescriptionModel.AlertOverride;
import org.medconnect.server.prescription.PrescriptionModel.Prescription;
import org.medconnect.server.prescription.PrescriptionModel.RefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillStatus;
import org.medconnect.server.prescription.PrescriptionModel.Renewal;
import org.medconnect.server.prescription.PrescriptionModel.ResolvedLine;
import org.medconnect.server.prescription.PrescriptionModel.Status;
import org.medconnect.server.prescription.PrescriptionModel.Summary;
import org.medconnect.server.prescription.check.DrugChecks;
import org.medconnect.shared.validation.FieldError;

/**
 * Prescribing (issue 13, decision 0038): drafts checked on every save, signed past HIGH
 * alerts only with a reason (kept, audited, shown in the history), the drugs joining the
 * medication list in the signing transaction, dispensings counted against quantity x
 * (1 + refills), renewals (answering a refill request when given), and adherence as the
 * proportion of days covered. Every change is one transaction with its chart ledger version.
 * The checks themselves are {@link DrugChecks}; this class only feeds them what the chart holds.
 */
public final class PrescriptionService {

    static final int DEFAULT_VALID_DAYS = 30;
    static final int MAX_NOTE = 1000;
    static final int MAX_REASON = 500;
    static final int MAX_OVERRIDES = 100;
    static final int DEFAULT_ADHERENCE_DAYS = 180;
    static final String ENTRY_KIND = "PRESCRIPTION";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;
    private final DrugCatalogue drugs;
    private final DrugChecks checks;
    private final MedicationService medications;

    public PrescriptionService(DSLContext dsl, Clock clock, ZoneId zone, DrugCatalogue drugs, DrugChecks checks,
                               MedicationService medications) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
        this.drugs = drugs;
        this.checks = checks;
        this.medications = medications;
    }

    // ---- checking ----

    /** The lines as the server reads them and what the checks find, without saving anything. */
    public Checked check(Principal caller, UUID patientId, List<LineInput> lines, Optional<UUID> prescriptionId) {
        // Reads only, asked at every pause in typing: no transaction (its BEGIN and COMMIT would be two more round trips),
        // and the access rule's facts travel with the chart reads, one round trip in all (decision 0042). Nothing read is
        // used before the rule has said yes.
        ChartAccess.PendingFullChart access = ChartAccess.in(dsl, clock, zone).pendingFullChart(caller, patientId);
        var repo = new PrescriptionRepository(dsl);
        List<ResolvedLine> resolved = Lines.read(lines, drugs, repo::activeBrand);
        if (resolved.isEmpty()) {
            access.require();
            return new Checked(resolved, List.of());
        }
        DrugChecks.Input input = repo.checkInput(checkLines(resolved), patientId, prescriptionId, access.read());
        access.require();
        return new Checked(resolved, raised(input, checks.check(input), resolved));
    }

    private List<Alert> runChecks(PrescriptionRepository repo, UUID patientId, List<ResolvedLine> lines, Optional<UUID> self) {
        if (lines.isEmpty()) {
            return List.of();
        }
        DrugChecks.Input input = repo.checkInput(checkLines(lines), patientId, self);
        return raised(input, checks.check(input), lines);
    }

    private static List<DrugChecks.Line> checkLines(List<ResolvedLine> lines) {
        List<DrugChecks.Line> in = new ArrayList<>(lines.size());
        for (ResolvedLine l : lines) {
            in.add(new DrugChecks.Line(l.position(), l.drugName(), l.ingredientKeys()));
        }
        return in;
    }

    /** The alerts found, each with the names of the medication and allergy it was raised against and what it concerns. */
    static List<Alert> raised(DrugChecks.Input input, List<DrugChecks.Alert> found, List<ResolvedLine> lines) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> medications = new java.util.HashMap<>();
        input.medications().forEach(m -> medications.put(m.id(), m.name()));
        Map<UUID, String> allergies = new java.util.HashMap<>();
        input.allergies().forEach(a -> allergies.put(a.id(), a.substance()));
        Map<Integer, String> names = new java.util.HashMap<>();
        lines.forEach(l -> names.put(l.position(), l.drugName()));
        List<Alert> out = new ArrayList<>(found.size());
        for (DrugChecks.Alert a : found) {
            Optional<String> medication = a.medicationId().map(medications::get);
            Optional<String> allergy = a.allergyId().map(allergies::get);
            out.add(new Alert(a, medication, allergy, concerns(a, names, medication, allergy), Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
        return out;
    }

    /**
     * What an alert concerns, in words: "line 2 (amoxicillin) against allergy: Penicillins", "lines 1 (warfarin) and 3
     * (ibuprofen)", "line 1 (ibuprofen) against current medication: warfarin"; empty when it names nothing.
     */
    static String concerns(DrugChecks.Alert a, Map<Integer, String> lineNames, Optional<String> medication, Optional<String> allergy) {
        List<String> lines = new ArrayList<>();
        for (int position : a.linePositions()) {
            String name = lineNames.get(position);
            lines.add(name == null || name.isBlank() ? String.valueOf(position) : position + " (" + name.strip() + ")");
        }
        String which = switch (lines.size()) {
            case 0 -> "";
            case 1 -> "line " + lines.getFirst();
            default -> "lines " + String.join(", ", lines.subList(0, lines.size() - 1)) + " and " + lines.getLast();
        };
        String against = allergy.map(s -> "allergy: " + s.strip())
                .or(() -> medication.map(s -> "current medication: " + s.strip())).orElse("");
        if (which.isEmpty()) {
            return against;
        }
        return against.isEmpty() ? which : which + " against " + against;
    }

    /** The kept alerts of a prescription, saying what each concerns by the prescription's own lines. */
    private static List<Alert> described(List<Alert> kept, List<Line> lines) {
        Map<Integer, String> names = new java.util.HashMap<>();
        lines.forEach(l -> names.put(l.line().position(), l.line().drugName()));
        return kept.stream().map(a -> a.withConcerns(concerns(a.alert(), names, a.medicationName(), a.allergySubstance()))).toList();
    }

    // ---- drafts ----

    /** Starts a draft, checked; a retry with the same request id answers the first. */
    public Prescription create(Principal caller, NewPrescription in) {
        Optional<UUID> earlier = InsertOnce.earlier(in.requestId(), new PrescriptionRepository(dsl)::idByRequest);
        if (earlier.isPresent()) {
            return read(caller, earlier.get());
        }
        int validDays = validDays(in.validDays());
        String note = note(in.note());
        UUID id = InsertOnce.insert(dsl, in.requestId(), PrescriptionRepository.REQUEST_ID_KEY, new PrescriptionRepository(dsl)::idByRequest,
                tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, in.patientId());
                    var repo = new PrescriptionRepository(tx);
                    if (in.encounterId().isPresent() && !repo.encounterOf(in.encounterId().get(), in.patientId())) {
                        throw DomainException.InvalidInput.of("encounter_id", "That consultation is not this patient's.");
                    }
                    List<ResolvedLine> lines = Lines.read(in.lines(), drugs, repo::activeBrand);
                    OffsetDateTime now = now();
                    UUID created = repo.insert(new PrescriptionRepository.NewRow(in.requestId(), in.patientId(), in.encounterId(),
                            caller.userId(), validDays, note, Optional.empty(), Optional.empty(), now));
                    saveDraft(repo, created, in.patientId(), lines, caller.userId(), now);
                    ledger(tx, created, "CREATED", caller.userId(), now);
                    return created;
                }, e -> e);
        return read(caller, id);
    }

    /** Replaces a draft's lines, validity and note, checked again; only its prescriber, from the version they saw. */
    public Prescription updateDraft(Principal caller, DraftChanges c) {
        requireVersion(c.expectedVersion());
        int validDays = validDays(c.validDays());
        String note = note(c.note());
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new PrescriptionRepository(tx);
            Prescription p = lockForChange(tx, repo, caller, c.prescriptionId());
            requireDraft(p, c.expectedVersion());
            List<ResolvedLine> lines = Lines.read(c.lines(), drugs, repo::activeBrand);
            OffsetDateTime now = now();
            if (!repo.updateDraft(p.id(), c.expectedVersion(), validDays, note, caller.userId(), now)) {
                throw stale(repo, p.id(), now);
            }
            saveDraft(repo, p.id(), p.patientId(), lines, caller.userId(), now);
            ledger(tx, p.id(), "UPDATED", caller.userId(), now);
            return view(repo, repo.find(p.id()).orElseThrow());
        });
    }

    private void saveDraft(PrescriptionRepository repo, UUID id, UUID patientId, List<ResolvedLine> lines, UUID by, OffsetDateTime now) {
        repo.replaceLines(id, lines);
        repo.replaceAlerts(id, runChecks(repo, patientId, lines, Optional.of(id)), Map.of(), by, now);
    }

    // ---- signing ----

    /**
     * Signs a draft: the checks run again here, whatever the client saw; every HIGH alert
     * needs an override reason. The alerts and reasons are kept, each override is audited
     * (kind and rule, never drug names or the reason), the drugs join the medication list, and
     * a renewal answering a refill request approves it and tells reception.
     */
    public Prescription sign(Principal caller, UUID id, int expectedVersion, List<AlertOverride> overrides) {
        requireVersion(expectedVersion);
        Map<String, String> reasons = overrides(overrides);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new PrescriptionRepository(tx);
            Prescription p = lockForChange(tx, repo, caller, id);
            requireDraft(p, expectedVersion);
            if (p.lines().isEmpty()) {
                throw new DomainException.FailedPrecondition("NO_LINES", "Add at least one drug before signing.");
            }
            List<ResolvedLine> lines = p.lines().stream().map(Line::line).toList();
            List<Alert> alerts = runChecks(repo, p.patientId(), lines, Optional.of(id));
            List<DrugChecks.Alert> unexplained = alerts.stream().map(Alert::alert)
                    .filter(a -> a.severity() == DrugChecks.Severity.HIGH && !reasons.containsKey(a.key())).toList();
            if (!unexplained.isEmpty()) {
                String more = unexplained.size() > 1 ? " (and " + (unexplained.size() - 1) + " more high alert"
                        + (unexplained.size() > 2 ? "s" : "") + ")" : "";
                throw new DomainException.FailedPrecondition("OVERRIDE_REQUIRED", "\u201c" + unexplained.getFirst().title()
                        + "\u201d is a high-severity alert" + more + ": give a reason to sign past it, or change the prescription.");
            }
            OffsetDateTime now = now();
            Map<String, String> kept = new LinkedHashMap<>();
            for (Alert a : alerts) {
                if (reasons.containsKey(a.alert().key())) {
                    kept.put(a.alert().key(), reasons.get(a.alert().key()));
                }
            }
            repo.replaceAlerts(id, alerts, kept, caller.userId(), now);
            AuditTrail audit = AuditTrail.in(tx);
            for (Alert a : alerts) {
                if (kept.containsKey(a.alert().key())) {
                    audit.record(caller.userId(), "PRESCRIPTION_OVERRIDE", "PRESCRIPTION", id, auditDetail(a.alert()), now);
                }
            }
            LocalDate today = today();
            if (!repo.sign(id, expectedVersion, today.plusDays(p.validDays()), caller.userId(), now)) {
                throw stale(repo, id, now);
            }
            for (ResolvedLine l : lines) {
                Optional<String> ingredient = l.drugKey().filter(k -> !k.startsWith(Lines.BRAND_PREFIX));
                medications.addIn(tx, caller.userId(), new NewMedication(Optional.empty(), p.patientId(), ingredient, l.drugName(),
                        l.strength(), l.form(), l.sig(), Optional.of(today), ""), Source.PRESCRIBED, Optional.of(id));
            }
            if (p.refillRequestId().isPresent()) {
                var refills = new RefillRepository(tx);
                Optional<RefillRequest> request = refills.lockAndFind(p.refillRequestId().get());
                if (request.isPresent() && request.get().status() == RefillStatus.PENDING
                        && refills.approve(request.get().id(), id, caller.userId(), now)) {
                    ChartNews.in(tx).tellEvery("RECEPTIONIST", Kind.REFILL_DECIDED, "Refill approved: " + request.get().patientName(),
                            caller.displayName() + " approved the refill request of " + request.get().patientName() + ".",
                            p.patientId(), now.toInstant());
                }
            }
            ledger(tx, id, "SIGNED", caller.userId(), now);
            return view(repo, repo.find(id).orElseThrow());
        });
    }

    /**
     * What the audit keeps of an override: the alert's kind, severity and the rule that fired,
     * never the drugs or the reason (those stay in the chart, in prescription_alert).
     */
    static String auditDetail(DrugChecks.Alert a) {
        return "kind=" + a.kind().name() + " severity=" + a.severity().name() + " rule=" + ruleId(a);
    }

    /**
     * The rule part of an alert key. RuleBook keys an interaction "interaction:&lt;rule id&gt;:&lt;drugs&gt;";
     * the other kinds name drugs or allergies after their first segment, so only the kind's word is kept.
     */
    static String ruleId(DrugChecks.Alert a) {
        String[] parts = a.key().split(":", 3);
        String id = a.kind() == DrugChecks.Kind.INTERACTION && parts.length > 1 ? parts[1] : parts[0];
        String safe = id.replaceAll("[^A-Za-z0-9_.-]", "");
        return safe.isEmpty() ? "unknown" : safe.substring(0, Math.min(safe.length(), 60));
    }

    // ---- cancelling ----

    /** Cancels a draft, or a signed prescription nothing was dispensed on; its medication rows stop. */
    public Prescription cancel(Principal caller, UUID id, int expectedVersion, String reason) {
        requireVersion(expectedVersion);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw DomainException.InvalidInput.of("reason", "Say why it is cancelled.");
        }
        if (why.length() > MAX_REASON) {
            throw DomainException.InvalidInput.of("reason", "Keep this to " + MAX_REASON + " characters.");
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new PrescriptionRepository(tx);
            Prescription p = lockForChange(tx, repo, caller, id);
            switch (p.status()) {
                case CANCELLED -> throw new DomainException.FailedPrecondition("CANCELLED", "This prescription was already cancelled.");
                case PARTLY_DISPENSED, DISPENSED -> throw new DomainException.FailedPrecondition("DISPENSED",
                        "Something was dispensed on this prescription, so it cannot be cancelled.");
                default -> { }
            }
            if (p.version() != expectedVersion) {
                throw stale(repo, id, now());
            }
            if (repo.anyDispensed(id)) {
                throw new DomainException.FailedPrecondition("DISPENSED", "Something was dispensed on this prescription, so it cannot be cancelled.");
            }
            OffsetDateTime now = now();
            if (!repo.cancel(id, expectedVersion, why, caller.userId(), now)) {
                throw stale(repo, id, now);
            }
            if (p.status() != Status.DRAFT) {
                medications.stopIn(tx, caller.userId(), id, "Prescription cancelled: " + why);
            }
            ledger(tx, id, "CANCELLED", caller.userId(), now);
            return view(repo, repo.find(id).orElseThrow());
        });
    }

    // ---- renewing ----

    /** A new draft with the original's lines, linked to it (and to a pending refill request addressed to the caller), checked again. */
    public Prescription renew(Principal caller, Renewal r) {
        Optional<UUID> earlier = InsertOnce.earlier(r.requestId(), new PrescriptionRepository(dsl)::idByRequest);
        if (earlier.isPresent()) {
            return read(caller, earlier.get());
        }
        UUID id = InsertOnce.insert(dsl, r.requestId(), PrescriptionRepository.REQUEST_ID_KEY, new PrescriptionRepository(dsl)::idByRequest,
                tx -> {
                    var repo = new PrescriptionRepository(tx);
                    Prescription original = repo.find(r.prescriptionId())
                            .orElseThrow(() -> new DomainException.NotFound("That prescription does not exist."));
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, original.patientId());
                    if (original.status() == Status.DRAFT || original.status() == Status.CANCELLED) {
                        throw new DomainException.FailedPrecondition("NOT_RENEWABLE", original.status() == Status.DRAFT
                                ? "A draft cannot be renewed; sign or change it instead." : "A cancelled prescription cannot be renewed.");
                    }
                    if (r.refillRequestId().isPresent()) {
                        RefillRequest request = new RefillRepository(tx).lockAndFind(r.refillRequestId().get())
                                .filter(q -> q.patientId().equals(original.patientId()))
                                .orElseThrow(() -> DomainException.InvalidInput.of("refill_request_id", "That refill request is not this patient's."));
                        if (!request.doctorId().equals(caller.userId())) {
                            throw new DomainException.PermissionDenied("That refill request is addressed to " + request.doctorName() + ".");
                        }
                        if (request.status() != RefillStatus.PENDING) {
                            throw new DomainException.FailedPrecondition("REFILL_DECIDED", "That refill request is no longer pending.");
                        }
                    }
                    if (r.encounterId().isPresent() && !repo.encounterOf(r.encounterId().get(), original.patientId())) {
                        throw DomainException.InvalidInput.of("encounter_id", "That consultation is not this patient's.");
                    }
                    List<ResolvedLine> lines = Lines.read(original.lines().stream().map(l -> input(l.line())).toList(), drugs, repo::activeBrand);
                    OffsetDateTime now = now();
                    UUID created = repo.insert(new PrescriptionRepository.NewRow(r.requestId(), original.patientId(), r.encounterId(),
                            caller.userId(), original.validDays(), original.note(), Optional.of(original.id()), r.refillRequestId(), now));
                    saveDraft(repo, created, original.patientId(), lines, caller.userId(), now);
                    ledger(tx, created, "CREATED", caller.userId(), now);
                    return created;
                }, e -> e);
        return read(caller, id);
    }

    private static LineInput input(ResolvedLine l) {
        return new LineInput(l.drugKey().orElse(""), l.drugName(), l.strength(), l.form(), Optional.of(l.route()),
                Lines.plain(l.doseAmount()), l.doseUnit(), Optional.of(l.frequency()), l.asNeeded(), l.durationDays(),
                l.quantityOverridden() ? Lines.plain(l.quantity()) : "", l.quantityUnit(), l.refills(), l.instructions(), l.warnings());
    }

    // ---- dispensing ----

    /**
     * Records a dispensing on one line: not in the future, not before signing, not after the
     * prescription expired, and never more in total than quantity x (1 + refills). A retry with
     * the same request id answers the prescription without recording twice.
     */
    public Prescription dispense(Principal caller, Dispense d) {
        Optional<UUID> earlier = InsertOnce.earlier(d.requestId(), new PrescriptionRepository(dsl)::dispenseByRequest);
        if (earlier.isPresent()) {
            return read(caller, earlier.get());
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<BigDecimal> quantity = Lines.decimal(errors, "quantity", d.quantity(), Lines.MAX_QUANTITY,
                "Give the quantity dispensed as a number more than 0.");
        if (d.source().isEmpty()) {
            errors.add(new FieldError("source", "Say who reported it: the pharmacy or the patient."));
        }
        if (d.dispensedOn().isAfter(today())) {
            errors.add(new FieldError("dispensed_on", "The dispensing date cannot be in the future."));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        UUID id = InsertOnce.insert(dsl, d.requestId(), PrescriptionRepository.DISPENSE_REQUEST_ID_KEY,
                new PrescriptionRepository(dsl)::dispenseByRequest, tx -> {
                    var repo = new PrescriptionRepository(tx);
                    repo.lock(d.prescriptionId()).orElseThrow(() -> new DomainException.NotFound("That prescription does not exist."));
                    Prescription p = repo.find(d.prescriptionId()).orElseThrow();
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, p.patientId());
                    switch (p.status()) {
                        case DRAFT -> throw new DomainException.FailedPrecondition("NOT_SIGNED", "Only a signed prescription is dispensed.");
                        case CANCELLED -> throw new DomainException.FailedPrecondition("CANCELLED", "This prescription was cancelled.");
                        case DISPENSED -> throw new DomainException.FailedPrecondition("DISPENSED", "Everything on this prescription was dispensed.");
                        default -> { }
                    }
                    Line line = p.lines().stream().filter(l -> l.id().equals(d.lineId())).findFirst()
                            .orElseThrow(() -> DomainException.InvalidInput.of("line_id", "That line is not on this prescription."));
                    LocalDate signedOn = p.signedAt().orElseThrow().atZoneSameInstant(zone).toLocalDate();
                    if (d.dispensedOn().isBefore(signedOn)) {
                        throw DomainException.InvalidInput.of("dispensed_on", "The dispensing date cannot be before the prescription was signed ("
                                + DAY.format(signedOn) + ").");
                    }
                    if (d.dispensedOn().isAfter(p.validUntil().orElseThrow())) {
                        throw new DomainException.FailedPrecondition("EXPIRED", "This prescription was valid until "
                                + DAY.format(p.validUntil().get()) + "; a later dispensing needs a renewal.");
                    }
                    BigDecimal limit = line.line().dispenseLimit();
                    BigDecimal total = line.dispensed().add(quantity.orElseThrow());
                    if (total.compareTo(limit) > 0) {
                        throw new DomainException.FailedPrecondition("OVER_LIMIT", "That would make " + Lines.plain(total) + " "
                                + line.line().quantityUnit() + " dispensed; this line allows at most " + Lines.plain(limit) + " (quantity "
                                + Lines.plain(line.line().quantity()) + " and " + line.line().refills() + " refills). "
                                + Lines.plain(limit.subtract(line.dispensed())) + " remain.");
                    }
                    OffsetDateTime now = now();
                    repo.insertDispense(d.requestId(), p.id(), line.id(), d.dispensedOn(), quantity.get(), d.source().orElseThrow(),
                            caller.userId(), now);
                    boolean all = p.lines().stream().allMatch(l -> (l.id().equals(line.id()) ? total : l.dispensed())
                            .compareTo(l.line().dispenseLimit()) >= 0);
                    repo.dispensed(p.id(), all ? Status.DISPENSED : Status.PARTLY_DISPENSED, caller.userId(), now);
                    ledger(tx, p.id(), "DISPENSED", caller.userId(), now);
                    return p.id();
                }, e -> e);
        return read(caller, id);
    }

    // ---- reading ----

    /** One prescription with its lines, alerts (a draft's are checked now) and history. */
    public Detailed get(Principal caller, UUID id) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new PrescriptionRepository(tx);
            Prescription p = repo.find(id).orElseThrow(() -> new DomainException.NotFound("That prescription does not exist."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, p.patientId());
            Prescription shown = view(repo, p);
            return new Detailed(shown, history(repo, shown));
        });
    }

    private Prescription read(Principal caller, UUID id) {
        return get(caller, id).prescription();
    }

    /** A patient's prescriptions, newest first; without {@code includeClosed} only those in play (expired ones leave too). */
    public List<Summary> list(Principal caller, UUID patientId, boolean includeClosed) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, patientId);
            LocalDate today = today();
            return new PrescriptionRepository(tx).list(patientId, !includeClosed).stream()
                    .map(s -> new Summary(s.id(), derived(s.status(), s.validUntil(), today), s.prescriberName(), s.createdAt(),
                            s.signedAt(), s.validUntil(), s.drugs(), s.alertCount(), s.overriddenCount(), s.renewalOf()))
                    .filter(s -> includeClosed || s.status() != Status.EXPIRED)
                    .toList();
        });
    }

    /** EXPIRED is never stored: a signed prescription not fully dispensed reads as expired after valid_until, in the clinic's zone. */
    static Status derived(Status stored, Optional<LocalDate> validUntil, LocalDate today) {
        boolean open = stored == Status.SIGNED || stored == Status.PARTLY_DISPENSED;
        return open && validUntil.isPresent() && validUntil.get().isBefore(today) ? Status.EXPIRED : stored;
    }

    /** The stored prescription as shown: derived status, and a draft's alerts checked now against the current chart. */
    private Prescription view(PrescriptionRepository repo, Prescription p) {
        List<Alert> alerts = described(p.alerts(), p.lines());
        if (p.status() == Status.DRAFT) {
            alerts = runChecks(repo, p.patientId(), p.lines().stream().map(Line::line).toList(), Optional.of(p.id()));
        } else if (p.status() == Status.CANCELLED && p.signedAt().isEmpty()) {
            alerts = List.of();
        }
        return new Prescription(p.id(), p.patientId(), p.encounterId(), p.prescriberId(), p.prescriberName(),
                derived(p.status(), p.validUntil(), today()), p.validDays(), p.validUntil(), p.lines(), alerts, p.renewalOf(),
                p.refillRequestId(), p.note(), p.createdAt(), p.signedAt(), p.cancelReason(), p.version(), p.pdfSha256(),
                p.updatedByName(), p.updatedAt());
    }

    private List<HistoryEntry> history(PrescriptionRepository repo, Prescription p) {
        List<HistoryEntry> out = new ArrayList<>();
        for (PrescriptionRepository.Version v : repo.versions(p.id())) {
            String what = switch (v.change()) {
                case "CREATED" -> p.renewalOf().isPresent() ? "Created as a renewal" : "Created";
                case "UPDATED" -> "Saved";
                case "SIGNED" -> "Signed";
                case "CANCELLED" -> "Cancelled: " + p.cancelReason().orElse("");
                case "DISPENSED" -> "";
                default -> v.change().charAt(0) + v.change().substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
            if (!what.isEmpty()) {
                out.add(new HistoryEntry(v.at(), v.byName(), what));
            }
        }
        for (Alert a : p.alerts()) {
            if (a.overrideReason().isPresent()) {
                out.add(new HistoryEntry(a.overriddenAt().orElseThrow(), a.overriddenByName().orElse(""),
                        "Overrode: " + a.alert().title() + (a.concerns().isEmpty() ? "" : " \u2014 " + a.concerns())
                                + " (" + a.overrideReason().get() + ")"));
            }
        }
        for (PrescriptionRepository.DispenseStep d : repo.dispenseSteps(p.id())) {
            out.add(new HistoryEntry(d.at(), d.byName(), "Dispensed " + Lines.plain(d.quantity()) + " " + d.unit() + " of " + d.drugName()));
        }
        for (PrescriptionRepository.Renewed r : repo.renewals(p.id())) {
            out.add(new HistoryEntry(r.at(), r.byName(), "Renewed as a new prescription"));
        }
        out.sort(Comparator.comparing(HistoryEntry::at));
        return out;
    }

    // ---- adherence ----

    /**
     * Per dispensed drug, the proportion of days covered over the last {@code days} days (0:
     * 180): each dispensing supplies quantity / daily dose days, starting on its date or when
     * the supply before it runs out, whichever is later.
     */
    public List<Adherence> adherence(Principal caller, UUID patientId, int days) {
        if (days < 0 || days > 730) {
            throw DomainException.InvalidInput.of("days", "Ask for 1 to 730 days (0 for 180).");
        }
        int period = days == 0 ? DEFAULT_ADHERENCE_DAYS : days;
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, patientId);
            var repo = new PrescriptionRepository(tx);
            LocalDate today = today();
            LocalDate start = today.minusDays(period - 1L);
            Map<UUID, ResolvedLine> lines = repo.dispensedLines(patientId);
            Map<String, List<PrescriptionRepository.Dispensing>> byDrug = repo.dispensings(patientId, today).stream()
                    .collect(Collectors.groupingBy(d -> drugKey(lines.get(d.lineId())), LinkedHashMap::new, Collectors.toList()));
            List<Adherence> out = new ArrayList<>();
            for (List<PrescriptionRepository.Dispensing> ds : byDrug.values()) {
                LocalDate cursor = null;
                long covered = 0;
                for (PrescriptionRepository.Dispensing d : ds) {
                    ResolvedLine l = lines.get(d.lineId());
                    long supply = Math.max(1, d.quantity().divide(Lines.dailyDose(l), 0, RoundingMode.FLOOR).longValue());
                    LocalDate from = cursor == null || d.on().isAfter(cursor) ? d.on() : cursor;
                    LocalDate to = from.plusDays(supply - 1);
                    LocalDate a = from.isBefore(start) ? start : from;
                    LocalDate b = to.isAfter(today) ? today : to;
                    if (!b.isBefore(a)) {
                        covered += ChronoUnit.DAYS.between(a, b) + 1;
                    }
                    cursor = to.plusDays(1);
                }
                LocalDate first = ds.getFirst().on();
                LocalDate supplyUntil = cursor.minusDays(1);
                if (supplyUntil.isBefore(start)) {
                    continue;
                }
                LocalDate from = first.isBefore(start) ? start : first;
                int inPeriod = (int) ChronoUnit.DAYS.between(from, today) + 1;
                ResolvedLine l = lines.get(ds.getFirst().lineId());
                out.add(new Adherence(l.label(), l.ingredientKeys(), first, ds.getLast().on(), supplyUntil, (int) covered, inPeriod,
                        Math.min(1.0, (double) covered / inPeriod), ds.size()));
            }
            out.sort(Comparator.comparing(Adherence::drugName, String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    private static String drugKey(ResolvedLine l) {
        return l.ingredientKeys().isEmpty() ? "text:" + l.drugName().toLowerCase(java.util.Locale.ROOT) : String.join("+", l.ingredientKeys());
    }

    // ---- rules shared by the changes ----

    /** Locks the row, checks the chart and that the caller wrote it. */
    private Prescription lockForChange(DSLContext tx, PrescriptionRepository repo, Principal caller, UUID id) {
        repo.lock(id).orElseThrow(() -> new DomainException.NotFound("That prescription does not exist."));
        Prescription p = repo.find(id).orElseThrow();
        ChartAccess.in(tx, clock, zone).requireFullChart(caller, p.patientId());
        if (!p.prescriberId().equals(caller.userId())) {
            throw new DomainException.PermissionDenied("Only the prescriber, " + p.prescriberName() + ", may change, sign or cancel it.");
        }
        return p;
    }

    private void requireDraft(Prescription p, int expectedVersion) {
        if (p.status() != Status.DRAFT) {
            throw new DomainException.FailedPrecondition("NOT_DRAFT", p.status() == Status.CANCELLED
                    ? "This prescription was cancelled." : "This prescription is signed; it cannot change. Cancel it and write a new one.");
        }
        if (p.version() != expectedVersion) {
            throw ChartLedger.staleEdit(p.updatedByName(), p.updatedAt(), now(), zone);
        }
    }

    private DomainException stale(PrescriptionRepository repo, UUID id, OffsetDateTime now) {
        Prescription latest = repo.find(id).orElseThrow();
        return ChartLedger.staleEdit(latest.updatedByName(), latest.updatedAt(), now, zone);
    }

    private static void requireVersion(int expectedVersion) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from.");
        }
    }

    private static int validDays(int days) {
        if (days == 0) {
            return DEFAULT_VALID_DAYS;
        }
        if (days < 1 || days > 365) {
            throw DomainException.InvalidInput.of("valid_days", "A prescription is valid for 1 to 365 days (0 for 30).");
        }
        return days;
    }

    private static String note(String note) {
        String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE) {
            throw DomainException.InvalidInput.of("note", "Keep the note to " + MAX_NOTE + " characters.");
        }
        return n;
    }

    private static Map<String, String> overrides(List<AlertOverride> overrides) {
        if (overrides.size() > MAX_OVERRIDES) {
            throw DomainException.InvalidInput.of("overrides", "At most " + MAX_OVERRIDES + " overrides.");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < overrides.size(); i++) {
            AlertOverride o = overrides.get(i);
            String key = o.alertKey() == null ? "" : o.alertKey().strip();
            String reason = o.reason() == null ? "" : o.reason().strip();
            if (key.isEmpty() || key.length() > 300) {
                errors.add(new FieldError("overrides[" + i + "].alert_key", "Name the alert this reason is for."));
            }
            if (reason.isEmpty()) {
                errors.add(new FieldError("overrides[" + i + "].reason", "Give the reason to sign past this alert."));
            } else if (reason.length() > MAX_REASON) {
                errors.add(new FieldError("overrides[" + i + "].reason", "Keep this to " + MAX_REASON + " characters."));
            }
            out.put(key, reason);
        }
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        return out;
    }

    // ---- the ledger ----

    private void ledger(DSLContext tx, UUID id, String change, UUID by, OffsetDateTime now) {
        Prescription p = new PrescriptionRepository(tx).find(id).orElseThrow();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Status", switch (p.status()) {
            case DRAFT -> "Draft";
            case SIGNED -> "Signed";
            case PARTLY_DISPENSED -> "Partly dispensed";
            case DISPENSED -> "Dispensed";
            case EXPIRED -> "Expired";
            case CANCELLED -> "Cancelled";
        });
        f.put("Prescriber", p.prescriberName());
        f.put("Drugs", p.lines().stream().map(l -> l.line().label() + (l.line().notChecked() ? " (not checked)" : "") + ": "
                + l.line().sig() + "; quantity " + Lines.plain(l.line().quantity()) + " " + l.line().quantityUnit()
                + (l.line().refills() > 0 ? ", " + l.line().refills() + " refills" : "")
                + (l.dispensed().signum() > 0 ? ", dispensed " + Lines.plain(l.dispensed()) : ""))
                .collect(Collectors.joining("\n")));
        f.put("Valid for", p.validDays() + " days");
        f.put("Valid until", p.validUntil().map(DAY::format).orElse(""));
        f.put("Note", p.note());
        f.put("Overridden alerts", p.alerts().stream().filter(a -> a.overrideReason().isPresent())
                .map(a -> a.alert().title() + ": " + a.overrideReason().get()).collect(Collectors.joining("\n")));
        if (p.cancelReason().isPresent()) {
            f.put("Cancelled because", p.cancelReason().get());
        }
        ChartLedger.in(tx).record(new ChartLedger.Change(p.patientId(), ENTRY_KIND, p.id(), p.version(), change, by, now,
                ChartLedger.fields(f)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
