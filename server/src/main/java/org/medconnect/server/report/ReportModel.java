package org.medconnect.server.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The dashboard's values: what a report covers and the table each panel answers with. */
public final class ReportModel {

    private ReportModel() {}

    /** The dashboard's panels; decision 0027 defines each figure. */
    public enum Panel {
        APPOINTMENTS_PER_DAY("Appointments per day", "appointments-per-day"),
        APPOINTMENTS_PER_WEEK("Appointments per week", "appointments-per-week"),
        ATTENDANCE("No-shows and cancellations", "attendance"),
        UTILISATION("Utilisation per doctor", "utilisation"),
        VISIT_TIMES("Waiting and consultation times", "visit-times"),
        NEW_VS_RETURNING("New and returning patients", "new-vs-returning"),
        REVENUE_BY_DAY("Revenue per day", "revenue-per-day"),
        REVENUE_BY_DOCTOR("Revenue by doctor", "revenue-by-doctor"),
        REVENUE_BY_DEPARTMENT("Revenue by department", "revenue-by-department"),
        REVENUE_BY_METHOD("Revenue by payment method", "revenue-by-method"),
        OUTSTANDING_AGEING("Outstanding balances by age", "outstanding-ageing"),
        SIGN_INS("Sign-ins and active users", "sign-ins");

        private final String title;
        private final String slug;

        Panel(String title, String slug) {
            this.title = title;
            this.slug = slug;
        }

        public String title() {
            return title;
        }

        public String slug() {
            return slug;
        }
    }

    /** What a report covers: clinic-local days {@code from..to} (both included) and optional narrowing. */
    public record Filter(LocalDate from, LocalDate to, Optional<UUID> locationId, Optional<UUID> departmentId,
                         Optional<UUID> doctorId) {

        public Filter withDoctor(UUID doctor) {
            return new Filter(from, to, locationId, departmentId, Optional.of(doctor));
        }
    }

    /** One row: a label, then one number per value column (NaN where a figure has no meaning). */
    public record Row(String label, List<Double> values) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** A panel's answer. {@code currency} is present when the values are money. */
    public record Table(Panel panel, List<String> columns, List<Row> rows, Optional<String> currency, Filter applied) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }
}
