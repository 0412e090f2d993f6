package org.medconnect.server.chart.vitals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.shared.chart.VitalSigns.Reading;

/** The values the vitals feature works with. */
public final class VitalsModel {

    private VitalsModel() {}

    /** One recorded set, as stored (BMI from the database's generated column). */
    public record VitalSet(UUID id, UUID patientId, OffsetDateTime measuredAt, Reading reading, Optional<BigDecimal> bmi,
                           boolean enteredInError, Optional<String> errorReason, int version, String recordedByName,
                           OffsetDateTime recordedAt, String updatedByName, OffsetDateTime updatedAt) {}

    /** A page of sets, newest first. */
    public record Page(List<VitalSet> items, int total, boolean hasMore) {}

    /** What the table and the trend charts ask for. */
    public record ListQuery(UUID patientId, Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, boolean includeEnteredInError,
                            int limit, int offset, boolean trend) {}

    /** The table's page and, when asked for, every final set of the range oldest first for the charts. */
    public record Listing(Page page, List<VitalSet> trend) {}
}
