package org.medconnect.server.chart.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.plan.PlanModel.CarePlan;
import org.medconnect.server.chart.plan.PlanModel.CarePlanEdit;
import org.medconnect.server.chart.plan.PlanModel.CarePlanStatus;
import org.medconnect.server.chart.plan.PlanModel.Due;
import org.medconnect.server.chart.plan.PlanModel.FollowUp;
import org.medconnect.server.chart.plan.PlanModel.FollowUpStatus;
import org.medconnect.server.chart.plan.PlanModel.LastChange;
import org.medconnect.server.chart.plan.PlanModel.Letter;
import org.medconnect.server.chart.plan.PlanModel.NewCarePlan;
import org.medconnect.server.chart.plan.PlanModel.NewColleagueReferral;
import org.medconnect.server.chart.plan.PlanModel.NewFollowUp;
import org.medconnect.server.chart.plan.PlanModel.NewOutsideReferral;
import org.medconnect.server.chart.plan.PlanModel.Page;
import org.medconnect.server.chart.plan.PlanModel.Referral;
import org.medconnect.server.chart.plan.PlanModel.ReferralStatus;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.shared.validation.FieldError;

/**
 * Care plans, referrals and follow-ups (issue 12, decision 0035). Each use case is one
 * transaction that asks {@link ChartAccess} first, writes its row, one {@link ChartLedger}
 * version and any inbox item. Edits name the version they started from; a stale one is
 * refused with who changed it and when. Logs carry ids only, never the text of a plan.
 */
public final class PlanService {

    static final int MAX_FOLLOW_UP_DAYS = 730;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public PlanService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    // ---- care plans

    public CarePlan addCarePlan(Principal caller, NewCarePlan plan) {
        Optional<UUID> earlier = plan.requestId().flatMap(new PlanRepository(dsl)::carePlanByRequestId);
        if (earlier.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            text(errors, "title", plan.title(), 1, 200);
            text(errors, "details", plan.details(), 0, 20_000);
            refuse(errors);
        }
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, plan.requestId(), "care_plan_request_id_key",
                new PlanRepository(dsl)::carePlanByRequestId, tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, plan.patientId());
                    var repo = new PlanRepository(tx);
                    OffsetDateTime now = now();
                    UUID created = repo.insertCarePlan(plan.requestId(), plan.patientId(), plan.title().strip(), plan.details(),
                            caller.userId(), now);
                    ledger(tx, repo.carePlan(created).orElseThrow(), "CREATED", caller, now);
                    return created;
                }, e -> e));
        return dsl.transactionResult(cfg -> {
            CarePlan plan1 = new PlanRepository(cfg.dsl()).carePlan(id).orElseThrow();
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, plan1.patientId());
            return plan1;
        });
    }

    public CarePlan updateCarePlan(Principal caller, CarePlanEdit edit) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "title", edit.title(), 1, 200);
        text(errors, "details", edit.details(), 0, 20_000);
        refuse(errors);
        return changeCarePlan(caller, edit.carePlanId(), edit.expectedVersion(), "UPDATED", edit.title().strip(), edit.details(),
                CarePlanStatus.ACTIVE, Optional.empty());
    }

    public CarePlan completeCarePlan(Principal caller, UUID carePlanId, int expectedVersion) {
        return changeCarePlan(caller, carePlanId, expectedVersion, "COMPLETED", null, null, CarePlanStatus.COMPLETED, Optional.empty());
    }

    public CarePlan markCarePlanEnteredInError(Principal caller, UUID carePlanId, int expectedVersion, String reason) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "reason", reason, 1, 500);
        refuse(errors);
        return changeCarePlan(caller, carePlanId, expectedVersion, "ENTERED_IN_ERROR", null, null, CarePlanStatus.ENTERED_IN_ERROR,
                Optional.of(reason.strip()));
    }

    public List<CarePlan> listCarePlans(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            return new PlanRepository(cfg.dsl()).carePlansOf(patientId);
        });
    }

    /** One change of a plan; {@code title}/{@code details} null keep the plan's own. */
    private CarePlan changeCarePlan(Principal caller, UUID id, int expectedVersion, String change, String title, String details,
                                    CarePlanStatus status, Optional<String> errorReason) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var repo = new PlanRepository(tx);
            CarePlan current = repo.carePlan(id).orElseThrow(() -> new DomainException.NotFound("No care plan with that id."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, current.patientId());
            OffsetDateTime now = now();
            if (current.version() != expectedVersion) {
                throw ChartLedger.staleEdit(current.updatedByName(), current.updatedAt(), now, zone);
            }
            boolean mayChange = status == CarePlanStatus.ENTERED_IN_ERROR
                    ? current.status() != CarePlanStatus.ENTERED_IN_ERROR : current.status() == CarePlanStatus.ACTIVE;
            if (!mayChange) {
                throw new DomainException.FailedPrecondition("CARE_PLAN_CLOSED",
                        "This care plan is " + words(current.status().name()) + "; it can no longer be changed that way.");
            }
            int rows = repo.updateCarePlan(id, expectedVersion, title == null ? current.title() : title,
                    details == null ? current.details() : details, status, errorReason, caller.userId(), now);
            if (rows == 0) {
                throw stale(repo, "care_plan", id, now);
            }
            CarePlan after = repo.carePlan(id).orElseThrow();
            ledger(tx, after, change, caller, now);
            return after;
        });
    }

    // ---- referrals

    public Referral referToColleague(Principal caller, NewColleagueReferral r) {
        Optional<UUID> earlier = r.requestId().flatMap(new PlanRepository(dsl)::referralByRequestId);
        if (earlier.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            text(errors, "reason", r.reason(), 1, 2000);
            if (r.toDoctorId().equals(caller.userId())) {
                errors.add(new FieldError("to_doctor_id", "Refer the patient to a colleague, not to yourself."));
            }
            refuse(errors);
        }
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, r.requestId(), "referral_request_id_key",
                new PlanRepository(dsl)::referralByRequestId, tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, r.patientId());
                    var repo = new PlanRepository(tx);
                    String colleague = repo.activeDoctorName(r.toDoctorId()).orElseThrow(() -> DomainException.InvalidInput.of(
                            "to_doctor_id", "Pick a colleague who is an active doctor of this clinic."));
                    OffsetDateTime now = now();
                    UUID grant = repo.insertReferralGrant(r.patientId(), r.toDoctorId(), "Referral from " + caller.displayName(),
                            caller.userId(), now);
                    UUID created = repo.insertReferral(r.requestId(), r.patientId(), caller.userId(), Optional.of(r.toDoctorId()),
                            Optional.empty(), r.reason().strip(), r.urgency(), Optional.of(grant), now);
                    Referral referral = repo.referral(created).orElseThrow();
                    ledger(tx, referral, "CREATED", caller, now);
                    String urgent = r.urgency() == PlanModel.Urgency.URGENT ? " (urgent)" : "";
                    ChartNews.in(tx).tell(r.toDoctorId(), Kind.REFERRAL, "Referral" + urgent + ": " + referral.patientName(),
                            caller.displayName() + " referred " + referral.patientName() + " to you" + urgent
                                    + ". Their chart is open to you.", r.patientId(), now.toInstant());
                    return created;
                }, e -> e));
        return readReferral(caller, id);
    }

    public Referral referOutside(Principal caller, NewOutsideReferral r) {
        Optional<UUID> earlier = r.requestId().flatMap(new PlanRepository(dsl)::referralByRequestId);
        if (earlier.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            text(errors, "provider_name", r.providerName(), 1, 200);
            text(errors, "address", r.address(), 0, 290);
            text(errors, "reason", r.reason(), 1, 2000);
            refuse(errors);
        }
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, r.requestId(), "referral_request_id_key",
                new PlanRepository(dsl)::referralByRequestId, tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, r.patientId());
                    var repo = new PlanRepository(tx);
                    OffsetDateTime now = now();
                    String to = r.address().isBlank() ? r.providerName().strip() : r.providerName().strip() + "\n" + r.address().strip();
                    UUID created = repo.insertReferral(r.requestId(), r.patientId(), caller.userId(), Optional.empty(),
                            Optional.of(to), r.reason().strip(), r.urgency(), Optional.empty(), now);
                    byte[] pdf = new ReferralLetterPdf(zone).letter(repo.letterFacts(r.patientId(), caller.userId()),
                            r.providerName().strip(), r.address().strip(), r.reason().strip(), r.urgency(), now);
                    repo.storeLetter(created, pdf);
                    ledger(tx, repo.referral(created).orElseThrow(), "CREATED", caller, now);
                    return created;
                }, e -> e));
        return readReferral(caller, id);
    }

    public Letter referralLetter(Principal caller, UUID referralId) {
        return dsl.transactionResult(cfg -> {
            var repo = new PlanRepository(cfg.dsl());
            Referral r = repo.referral(referralId).orElseThrow(() -> new DomainException.NotFound("No referral with that id."));
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, r.patientId());
            byte[] pdf = repo.letter(referralId).orElseThrow(() -> new DomainException.FailedPrecondition("NO_LETTER",
                    "Only referrals to an outside provider have a letter."));
            return new Letter(pdf, "referral-" + r.patientMrn() + "-" + r.createdAt().atZoneSameInstant(zone).toLocalDate() + ".pdf");
        });
    }

    public List<Referral> listReferrals(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            return new PlanRepository(cfg.dsl()).referralsOf(patientId);
        });
    }

    public Page<Referral> listMyReferrals(Principal caller, int limit, int offset) {
        requireDoctor(caller);
        return dsl.transactionResult(cfg -> {
            var repo = new PlanRepository(cfg.dsl());
            return new Page<>(repo.openReferralsTo(caller.userId(), limit, offset), repo.countOpenReferralsTo(caller.userId()), offset);
        });
    }

    public Referral acceptReferral(Principal caller, UUID referralId, int expectedVersion) {
        return moveReferral(caller, referralId, expectedVersion, ReferralStatus.ACCEPTED);
    }

    public Referral completeReferral(Principal caller, UUID referralId, int expectedVersion) {
        return moveReferral(caller, referralId, expectedVersion, ReferralStatus.COMPLETED);
    }

    public Referral cancelReferral(Principal caller, UUID referralId, int expectedVersion) {
        return moveReferral(caller, referralId, expectedVersion, ReferralStatus.CANCELLED);
    }

    private Referral moveReferral(Principal caller, UUID id, int expectedVersion, ReferralStatus to) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var repo = new PlanRepository(tx);
            Referral r = repo.referral(id).orElseThrow(() -> new DomainException.NotFound("No referral with that id."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, r.patientId());
            boolean recipient = r.toDoctorId().filter(caller.userId()::equals).isPresent();
            boolean author = r.fromDoctorId().equals(caller.userId());
            boolean allowed = switch (to) {
                case ACCEPTED -> recipient;
                case COMPLETED -> recipient || (author && r.toExternal().isPresent());
                case CANCELLED -> author;
                default -> false;
            };
            if (!allowed) {
                throw new DomainException.PermissionDenied(switch (to) {
                    case ACCEPTED -> "Only the colleague it was sent to can accept a referral.";
                    case COMPLETED -> "Only the colleague it was sent to can complete a referral.";
                    default -> "Only the doctor who wrote a referral can cancel it.";
                });
            }
            OffsetDateTime now = now();
            if (r.version() != expectedVersion) {
                throw stale(repo, "referral", id, now);
            }
            boolean open = r.status() == ReferralStatus.SENT || (r.status() == ReferralStatus.ACCEPTED && to != ReferralStatus.ACCEPTED);
            if (!open) {
                throw new DomainException.FailedPrecondition("REFERRAL_CLOSED", "This referral is already " + words(r.status().name()) + ".");
            }
            if (repo.updateReferralStatus(id, expectedVersion, to, caller.userId(), now) == 0) {
                throw stale(repo, "referral", id, now);
            }
            if (to == ReferralStatus.CANCELLED) {
                repo.referralGrant(id).ifPresent(g -> repo.endGrant(g, now));
            }
            Referral after = repo.referral(id).orElseThrow();
            ledger(tx, after, to.name(), caller, now);
            return after;
        });
    }

    private Referral readReferral(Principal caller, UUID id) {
        return dsl.transactionResult(cfg -> {
            Referral r = new PlanRepository(cfg.dsl()).referral(id).orElseThrow();
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, r.patientId());
            return r;
        });
    }

    // ---- follow-ups

    public FollowUp recommendFollowUp(Principal caller, NewFollowUp f) {
        Optional<UUID> earlier = f.requestId().flatMap(new PlanRepository(dsl)::followUpByRequestId);
        LocalDate due = earlier.isPresent() ? null : dueDate(f);
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, f.requestId(), "follow_up_request_id_key",
                new PlanRepository(dsl)::followUpByRequestId, tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, f.patientId());
                    var repo = new PlanRepository(tx);
                    OffsetDateTime now = now();
                    UUID created = repo.insertFollowUp(f.requestId(), f.patientId(), caller.userId(), due,
                            Optional.of(f.note().strip()).filter(s -> !s.isEmpty()), now);
                    FollowUp followUp = repo.followUp(created).orElseThrow();
                    ledger(tx, followUp, "CREATED", caller, now);
                    ChartNews.in(tx).tellEvery("RECEPTIONIST", Kind.FOLLOW_UP, "Follow-up to book: " + followUp.patientName(),
                            caller.displayName() + " would like to see " + followUp.patientName() + " again around "
                                    + DAY.format(due) + ".", f.patientId(), now.toInstant());
                    return created;
                }, e -> e));
        return dsl.transactionResult(cfg -> {
            FollowUp created = new PlanRepository(cfg.dsl()).followUp(id).orElseThrow();
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, created.patientId());
            return created;
        });
    }

    /**
     * Reception's list (no patient: every open follow-up, due first), or one patient's
     * follow-ups (doctors through the chart rules; the front desk too, as the list has no
     * clinical text).
     */
    public Page<FollowUp> listFollowUps(Principal caller, Optional<UUID> patientId, int limit, int offset) {
        return dsl.transactionResult(cfg -> {
            var repo = new PlanRepository(cfg.dsl());
            if (patientId.isEmpty()) {
                if (!frontDesk(caller)) {
                    throw new DomainException.PermissionDenied("The list of follow-ups to book is the front desk's; open a patient's chart to see theirs.");
                }
                return new Page<>(repo.openFollowUps(limit, offset), repo.countOpenFollowUps(), offset);
            }
            if (!frontDesk(caller)) {
                ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId.get());
            }
            return new Page<>(repo.followUpsOf(patientId.get(), limit, offset), repo.countFollowUpsOf(patientId.get()), offset);
        });
    }

    public FollowUp markFollowUpBooked(Principal caller, UUID followUpId, int expectedVersion, UUID appointmentId) {
        if (!frontDesk(caller)) {
            throw new DomainException.PermissionDenied("Follow-ups are booked by the front desk.");
        }
        return changeFollowUp(caller, followUpId, expectedVersion, FollowUpStatus.BOOKED, Optional.of(appointmentId), Optional.empty());
    }

    public FollowUp dismissFollowUp(Principal caller, UUID followUpId, int expectedVersion, String reason) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "reason", reason, 1, 500);
        refuse(errors);
        return changeFollowUp(caller, followUpId, expectedVersion, FollowUpStatus.DISMISSED, Optional.empty(), Optional.of(reason.strip()));
    }

    private FollowUp changeFollowUp(Principal caller, UUID id, int expectedVersion, FollowUpStatus to, Optional<UUID> appointmentId,
                                    Optional<String> dismissReason) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var repo = new PlanRepository(tx);
            FollowUp f = repo.followUp(id).orElseThrow(() -> new DomainException.NotFound("No follow-up with that id."));
            if (!frontDesk(caller)) {
                ChartAccess.in(tx, clock, zone).requireFullChart(caller, f.patientId());
            }
            OffsetDateTime now = now();
            if (f.version() != expectedVersion) {
                throw stale(repo, "follow_up", id, now);
            }
            if (f.status() != FollowUpStatus.OPEN) {
                throw new DomainException.FailedPrecondition("FOLLOW_UP_CLOSED", "This follow-up is already " + words(f.status().name()) + ".");
            }
            if (appointmentId.isPresent() && !repo.appointmentPatient(appointmentId.get()).map(f.patientId()::equals).orElse(false)) {
                throw DomainException.InvalidInput.of("appointment_id", "That appointment is not one of " + f.patientName() + "'s.");
            }
            if (repo.updateFollowUp(id, expectedVersion, to, appointmentId, dismissReason, caller.userId(), now) == 0) {
                throw stale(repo, "follow_up", id, now);
            }
            FollowUp after = repo.followUp(id).orElseThrow();
            ledger(tx, after, to.name(), caller, now);
            return after;
        });
    }

    /** The follow-up's due date from days, weeks or a date; refused when missing or out of range. */
    LocalDate dueDate(NewFollowUp f) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "note", f.note(), 0, 500);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate due = null;
        switch (f.due().orElse(null)) {
            case null -> errors.add(new FieldError("due", "Say when: in so many days or weeks, or a date."));
            case Due.InDays d when d.days() < 1 || d.days() > MAX_FOLLOW_UP_DAYS ->
                    errors.add(new FieldError("due_in_days", "Give 1 to " + MAX_FOLLOW_UP_DAYS + " days."));
            case Due.InDays d -> due = today.plusDays(d.days());
            case Due.InWeeks w when w.weeks() < 1 || w.weeks() > MAX_FOLLOW_UP_DAYS / 7 ->
                    errors.add(new FieldError("due_in_weeks", "Give 1 to " + MAX_FOLLOW_UP_DAYS / 7 + " weeks."));
            case Due.InWeeks w -> due = today.plusWeeks(w.weeks());
            case Due.On on when !on.date().isAfter(today) || on.date().isAfter(today.plusDays(MAX_FOLLOW_UP_DAYS)) ->
                    errors.add(new FieldError("due_on", "Pick a date from tomorrow up to two years ahead."));
            case Due.On on -> due = on.date();
        }
        refuse(errors);
        return due;
    }

    // ---- shared

    private void ledger(DSLContext tx, CarePlan p, String change, Principal caller, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Title", p.title());
        f.put("Details", p.details());
        f.put("Status", words(p.status().name()));
        p.errorReason().ifPresent(r -> f.put("Reason entered in error", r));
        ChartLedger.in(tx).record(new ChartLedger.Change(p.patientId(), "CARE_PLAN", p.id(), p.version(), change, caller.userId(), now,
                ChartLedger.fields(f)));
    }

    private void ledger(DSLContext tx, Referral r, String change, Principal caller, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("To", r.toDoctorName().orElseGet(() -> r.toExternal().orElse("")));
        f.put("Urgency", words(r.urgency().name()));
        f.put("Reason", r.reason());
        f.put("Status", words(r.status().name()));
        ChartLedger.in(tx).record(new ChartLedger.Change(r.patientId(), "REFERRAL", r.id(), r.version(), change, caller.userId(), now,
                ChartLedger.fields(f)));
    }

    private void ledger(DSLContext tx, FollowUp u, String change, Principal caller, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Due", u.dueOn().toString());
        f.put("Doctor", u.doctorName());
        f.put("Note", u.note().orElse(""));
        f.put("Status", words(u.status().name()));
        u.dismissReason().ifPresent(r -> f.put("Dismissed because", r));
        ChartLedger.in(tx).record(new ChartLedger.Change(u.patientId(), "FOLLOW_UP", u.id(), u.version(), change, caller.userId(), now,
                ChartLedger.fields(f)));
    }

    private DomainException stale(PlanRepository repo, String table, UUID id, OffsetDateTime now) {
        LastChange last = repo.lastChange(table, id).orElseThrow(() -> new DomainException.NotFound("That entry no longer exists."));
        return ChartLedger.staleEdit(last.byName(), last.at(), now, zone);
    }

    private static boolean frontDesk(Principal caller) {
        return caller.role() == Role.RECEPTIONIST || caller.role() == Role.ADMIN;
    }

    private static void requireDoctor(Principal caller) {
        if (caller.role() != Role.DOCTOR) {
            throw new DomainException.PermissionDenied("Referrals are sent to doctors.");
        }
    }

    /** Trimmed length between min and max; a field named in the refusal. */
    static void text(List<FieldError> errors, String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() < min) {
            errors.add(new FieldError(field, "Fill in the " + field.replace('_', ' ') + "."));
        } else if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "Keep the " + field.replace('_', ' ') + " to " + max + " characters."));
        }
    }

    static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
    }

    /** "ENTERED_IN_ERROR" as "entered in error". */
    static String words(String upperSnake) {
        return upperSnake.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
