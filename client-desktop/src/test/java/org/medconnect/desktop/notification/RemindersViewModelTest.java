package org.medconnect.desktop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.common.v1.PageResponse;
import org.medconnect.proto.notification.v1.ListRemindersResponse;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.notification.v1.Reminder;

/** Issue 11 item 16: the Reminders list pages beyond 200, and says plainly when no mail left the building. */
class RemindersViewModelTest {

    private final FakeClinicServer server = new FakeClinicServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static ListRemindersResponse page(int from, int count, String next, int total) {
        var response = ListRemindersResponse.newBuilder().setPage(PageResponse.newBuilder().setNextPageToken(next).setTotalCount(total));
        for (int i = from; i < from + count; i++) {
            response.addReminders(Reminder.newBuilder().setReminderId("r" + i));
        }
        return response.build();
    }

    @Test
    void showMoreLoadsThePageAfterTheFirst200() {
        server.on(NotificationServiceGrpc.getListRemindersMethod(), r -> r.getPage().getPageToken().isEmpty()
                ? page(0, 200, "p2", 250) : page(200, 50, "", 250));
        RemindersViewModel model = new RemindersViewModel(server.connection(), server.calls());

        model.reload();
        assertThat(model.summaryProperty().get()).isEqualTo("Showing 200 of 250");
        assertThat(model.moreProperty().get()).isTrue();

        model.loadMore();
        assertThat(server.lastRequest(NotificationServiceGrpc.getListRemindersMethod()).getPage().getPageToken()).isEqualTo("p2");
        assertThat(model.reminders()).hasSize(250);
        assertThat(model.summaryProperty().get()).isEqualTo("250 reminders");
        assertThat(model.moreProperty().get()).isFalse();
    }

    @Test
    void theOutboxSaysNoMailLeft() {
        assertThat(RemindersViewModel.delivery("outbox", "Tue 24 Nov 08:00"))
                .isEqualTo("Kept in outbox Tue 24 Nov 08:00: no mail server configured");
        assertThat(RemindersViewModel.delivery("smtp", "Tue 24 Nov 08:00")).isEqualTo("Sent Tue 24 Nov 08:00 by smtp");
    }
}
