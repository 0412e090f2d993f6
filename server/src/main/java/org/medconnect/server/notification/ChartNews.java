package org.medconnect.server.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.Kind;

/**
 * How the chart tells people in their inbox (a break of the glass, a referral, a new lab
 * document, a follow-up to book), inside the chart change's own transaction: the item and
 * its live push commit or roll back with the change. Titles and bodies carry names and what
 * happened, never clinical text.
 */
public final class ChartNews {

    private final NotificationRepository repository;

    private ChartNews(DSLContext tx) {
        this.repository = new NotificationRepository(tx);
    }

    public static ChartNews in(DSLContext tx) {
        return new ChartNews(tx);
    }

    /** One item for one person. */
    public void tell(UUID recipient, Kind kind, String title, String body, UUID patientId, Instant now) {
        repository.insertChart(recipient, kind, title, body, patientId, now);
    }

    /** The same item for every active member of a role, e.g. "ADMIN" or "RECEPTIONIST". */
    public void tellEvery(String role, Kind kind, String title, String body, UUID patientId, Instant now) {
        List<UUID> staff = repository.activeStaff(role);
        for (UUID id : staff) {
            repository.insertChart(id, kind, title, body, patientId, now);
        }
    }
}
