package org.medconnect.server.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.report.ReportModel.Filter;
import org.medconnect.server.report.ReportModel.Panel;
import org.medconnect.server.report.ReportModel.Row;
import org.medconnect.server.report.ReportModel.Table;
import org.medconnect.server.report.ReportRepository.RevenueKey;
import org.medconnect.server.schedule.ScheduleModel.Availability;
import org.medconnect.server.schedule.ScheduleModel.Doctor;
import org.medconnect.server.schedule.ClinicSetupService;
import org.medconnect.server.schedule.ScheduleService;

/**
 * The dashboard's rules: who sees which figures (an admin the clinic, a doctor only themselves),
 * how long a period may be, and the arithmetic behind each panel. Every query runs read-only on
 * the reporting pool with a statement timeout, so a report can never hold up the front desk.
 */
public final class ReportService {

    /** The longest period a report covers. */
    public static final int MAX_DAYS = 366;

    /** Memory for each sort or hash of a report query (PostgreSQL's default, 4 MB, spills a year to disk). */
    private static final String REPORT_WORK_MEM = "64MB";

    private static final String[] AGEING = {"Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"};

    private final DSLContext reports;
    private final ScheduleService schedule;
    private final ClinicSetupService clinicSetup;
    private final Clock clock;
    private final ZoneId zone;
    private final String currency;
    private final Duration statementTimeout;

    public ReportService(DSLContext reports, ClinicSetupService clinicSetup, ScheduleService schedule, Clock clock, ZoneId zone, String currency,
                         Duration statementTimeout) {
        this.reports = reports;
        this.schedule = schedule;
        this.clinicSetup = clinicSetup;
        this.clock = clock;
        this.zone = zone;
        this.currency = currency;
        this.statementTimeout = statementTimeout;
    }

    /** One panel for the caller: an admin as asked, a doctor always about themselves. */
    public Table panel(Principal caller, Panel panel, Filter asked) {
        Filter f = scoped(caller, asked);
        try {
            return reports.transactionResult(cfg -> {
                DSLContext dsl = DSL.using(cfg);
                dsl.execute("set local statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
                // A year's percentiles sort and its per-invoice sums hash hundreds of thousands of rows: in memory,
                // not in temporary files (three report connections at most, so at most a few hundred MB).
                dsl.execute("set local work_mem = '" + REPORT_WORK_MEM + "'");
                return compute(new ReportRepository(dsl, zone), panel, f);
            });
        } catch (DataAccessException e) {
            if ("57014".equals(e.sqlState())) {
                throw new DomainException.TooSlow("report_too_slow",
                        "This report took too long. Choose a shorter period or narrow it to a location, department or doctor.");
            }
            throw e;
        }
    }

    /** The panel as CSV text, with a file name saying what and when. */
    public Csv.Export csv(Principal caller, Panel panel, Filter asked) {
        Table table = panel(caller, panel, asked);
        String name = panel.slug() + "_" + table.applied().from() + "_" + table.applied().to() + ".csv";
        return new Csv.Export(Csv.of(table), name);
    }

    /** Checks the period and applies the caller's scope. */
    Filter scoped(Principal caller, Filter f) {
        if (f.to().isBefore(f.from())) {
            throw DomainException.InvalidInput.of("filter.to_date", "The end date is before the start date.");
        }
        if (ChronoUnit.DAYS.between(f.from(), f.to()) + 1 > MAX_DAYS) {
            throw DomainException.InvalidInput.of("filter.to_date", "A report covers at most " + MAX_DAYS + " days.");
        }
        return switch (caller.role()) {
            case ADMIN -> f;
            case DOCTOR -> f.withDoctor(caller.userId());
            default -> throw new DomainException.PermissionDenied("Reports are for administrators and doctors.");
        };
    }

    private Table compute(ReportRepository repo, Panel panel, Filter f) {
        return switch (panel) {
            case APPOINTMENTS_PER_DAY, APPOINTMENTS_PER_WEEK -> table(panel, f,
                    List.of(panel == Panel.APPOINTMENTS_PER_DAY ? "Day" : "Week of", "Appointments", "Completed", "Cancelled", "No-show"),
                    repo.appointmentsPer(f, panel == Panel.APPOINTMENTS_PER_WEEK).stream()
                            .map(r -> row(r.get(0).toString(), num(r, 1), num(r, 2), num(r, 3), num(r, 4))).toList());
            case ATTENDANCE -> attendance(repo, f);
            case UTILISATION -> utilisation(repo, f);
            case VISIT_TIMES -> {
                Record w = repo.waiting(f);
                Record c = repo.consultation(f);
                yield table(panel, f, List.of("Measure", "Visits", "Median (min)", "90th percentile (min)"), List.of(
                        row("Waiting (check-in to called)", num(w, 0), num(w, 1), num(w, 2)),
                        row("Consultation (called to completed)", num(c, 0), num(c, 1), num(c, 2))));
            }
            case NEW_VS_RETURNING -> {
                Record r = repo.newVsReturning(f);
                yield table(panel, f, List.of("Patients", "Count"), List.of(row("New", num(r, 0)), row("Returning", num(r, 1))));
            }
            case REVENUE_BY_DAY -> revenue(repo, panel, f, RevenueKey.DAY, "Day", Function.identity());
            case REVENUE_BY_DOCTOR -> revenue(repo, panel, f, RevenueKey.DOCTOR, "Doctor", Function.identity());
            case REVENUE_BY_DEPARTMENT -> revenue(repo, panel, f, RevenueKey.DEPARTMENT, "Department", Function.identity());
            case REVENUE_BY_METHOD -> revenue(repo, panel, f, RevenueKey.METHOD, "Method", ReportService::methodName);
            case OUTSTANDING_AGEING -> ageing(repo, f);
            case SIGN_INS -> {
                List<Row> rows = new ArrayList<>(repo.signIns(f).stream()
                        .map(r -> row(r.get(0).toString(), num(r, 1), num(r, 2), num(r, 3))).toList());
                yield table(panel, f, List.of("Day", "Sign-ins", "Users signed in", "Refused sign-ins"), rows);
            }
        };
    }

    private Table attendance(ReportRepository repo, Filter f) {
        Record r = repo.attendance(f);
        double noShow = num(r, 0);
        double settled = num(r, 1);
        double cancelled = num(r, 2);
        double all = num(r, 3);
        return table(Panel.ATTENDANCE, f, List.of("Measure", "Count", "Out of", "Rate (%)"), List.of(
                row("No-show", noShow, settled, percent(noShow, settled)),
                row("Cancellation", cancelled, all, percent(cancelled, all))));
    }

    private Table utilisation(ReportRepository repo, Filter f) {
        Map<UUID, String> names = new LinkedHashMap<>();
        Map<UUID, Double> booked = new LinkedHashMap<>();
        for (Record r : repo.bookedMinutes(f)) {
            UUID id = r.get(0, UUID.class);
            names.put(id, r.get(1, String.class));
            booked.put(id, num(r, 2));
        }
        for (Doctor d : clinicSetup.listDoctors(f.departmentId(), Optional.empty())) {
            if (f.doctorId().map(d.id()::equals).orElse(true)) {
                names.putIfAbsent(d.id(), d.displayName());
            }
        }
        List<Row> rows = new ArrayList<>();
        // Every doctor's hours in one go: one round trip per doctor made a clinic's year take seconds.
        Map<UUID, Availability> offered = schedule.availabilityBetween(names.keySet(), f.from(), f.to());
        names.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            double available = AvailableTime.between(offered.get(e.getKey()), f.from(), f.to(), zone, f.locationId()).toSeconds() / 3600.0;
            double hours = booked.getOrDefault(e.getKey(), 0.0) / 60.0;
            if (available > 0 || hours > 0) {
                rows.add(row(e.getValue(), round(available, 2), round(hours, 2), percent(hours, available)));
            }
        });
        return table(Panel.UTILISATION, f, List.of("Doctor", "Available (h)", "Booked (h)", "Utilisation (%)"), rows);
    }

    private Table revenue(ReportRepository repo, Panel panel, Filter f, RevenueKey key, String heading, Function<String, String> label) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        List<Row> rows = repo.revenue(f, key).stream().map(r -> {
            long received = r.get(1, Long.class);
            long refunded = r.get(2, Long.class);
            return row(label.apply(r.get(0, String.class)), major(received, digits), major(refunded, digits), major(received - refunded, digits));
        }).toList();
        return new Table(panel, List.of(heading, "Received", "Refunded", "Net"), rows, Optional.of(currency), f);
    }

    private Table ageing(ReportRepository repo, Filter f) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate asOf = f.to().isAfter(today) ? today : f.to();
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        long[] count = new long[AGEING.length];
        long[] owed = new long[AGEING.length];
        for (Record r : repo.owing(f, asOf)) {
            int late = r.get(0, Integer.class);
            int bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
            count[bucket]++;
            owed[bucket] += r.get(1, Long.class);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < AGEING.length; i++) {
            rows.add(row(AGEING[i], count[i], major(owed[i], digits)));
        }
        return new Table(Panel.OUTSTANDING_AGEING, List.of("Days past due on " + asOf, "Invoices", "Owed"), rows, Optional.of(currency), f);
    }

    private static String methodName(String method) {
        return switch (method) {
            case "CASH" -> "Cash";
            case "CARD" -> "Card";
            case "BANK_TRANSFER" -> "Bank transfer";
            case "INSURANCE" -> "Insurance";
            default -> method;
        };
    }

    private static Table table(Panel panel, Filter f, List<String> columns, List<Row> rows) {
        return new Table(panel, columns, rows, Optional.empty(), f);
    }

    private static Row row(String label, double... values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return new Row(label, list);
    }

    /** A number column; SQL null (e.g. a median of no visits) becomes NaN. */
    private static double num(Record r, int index) {
        Object v = r.get(index);
        return v == null ? Double.NaN : round(((Number) v).doubleValue(), 2);
    }

    private static double percent(double part, double whole) {
        return whole == 0 ? Double.NaN : round(100.0 * part / whole, 1);
    }

    private static double major(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).doubleValue();
    }

    private static double round(double v, int places) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
