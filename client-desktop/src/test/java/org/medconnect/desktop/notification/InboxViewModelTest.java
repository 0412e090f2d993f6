package org.medconnect.desktop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.notification.v1.MarkNotificationsReadResponse;
import org.medconnect.proto.notification.v1.Notification;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;

class InboxViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final InboxViewModel model = new InboxViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
            new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState()), Runnable::run);

    static Notification item(long id, String title) {
        return Notification.newBuilder().setNotificationId(id).setTitle(title).setBody("Ana Silva, Thu 26 Nov 09:00").build();
    }

    static WatchNotificationsResponse update(int unread, Notification... fresh) {
        return WatchNotificationsResponse.newBuilder().setUnreadCount(unread).addAllNotifications(java.util.List.of(fresh)).build();
    }

    @Test
    void pushedItemsGoOnTopOnceAndTheBadgeShowsTheCount() {
        model.apply(update(1, item(1, "New appointment booked with you")));
        model.apply(update(3, item(3, "Appointment cancelled"), item(2, "Appointment moved")));
        model.apply(update(3, item(3, "Appointment cancelled")));

        assertThat(model.items()).extracting(Notification::getNotificationId).containsExactly(3L, 2L, 1L);
        assertThat(model.badgeText().get()).isEqualTo("3");
        model.apply(update(120));
        assertThat(model.badgeText().get()).isEqualTo("99+");
    }

    @Test
    void nothingUnreadHidesTheCountAndShowsEveryItemRead() {
        model.apply(update(2, item(2, "Appointment moved"), item(1, "New appointment booked with you")));
        model.apply(update(0));

        assertThat(model.badgeText().get()).isEmpty();
        assertThat(model.items()).allSatisfy(n -> assertThat(n.getRead()).isTrue());
    }

    @Test
    void markingOneReadTakesTheCountTheServerGives() {
        model.apply(update(2, item(2, "Appointment moved"), item(1, "New appointment booked with you")));
        model.markRead(model.items().getFirst());
        runner.succeed(MarkNotificationsReadResponse.newBuilder().setUnreadCount(1).build());

        assertThat(model.unreadProperty().get()).isEqualTo(1);
        assertThat(model.items()).extracting(Notification::getRead).containsExactly(true, false);
    }

    @Test
    void clickingANotificationOpensItsAppointmentAsItIsNow() {
        java.util.List<org.medconnect.proto.appointment.v1.Appointment> opened = new java.util.ArrayList<>();
        model.opensAppointmentsWith(opened::add);
        Notification booked = item(1, "New appointment booked with you").toBuilder().setAppointmentId("a-17").setRead(true).build();
        model.apply(update(0, booked));

        model.open(booked);
        runner.succeed(org.medconnect.proto.appointment.v1.Appointment.newBuilder().setAppointmentId("a-17").setReference("MC-17").build());

        assertThat(opened).extracting(org.medconnect.proto.appointment.v1.Appointment::getReference).containsExactly("MC-17");
    }

    @Test
    void aNotificationWithoutAnAppointmentOnlyMarksRead() {
        model.opensAppointmentsWith(a -> { throw new AssertionError("nothing to open"); });
        Notification offer = item(2, "Slot offered");
        model.apply(update(1, offer));

        assertThat(model.opens(offer)).isFalse();
        model.open(offer);
        runner.succeed(MarkNotificationsReadResponse.newBuilder().setUnreadCount(0).build());

        assertThat(runner.pendingCount()).isZero();
        assertThat(model.items()).extracting(Notification::getRead).containsExactly(true);
    }

    @Test
    void eachNewItemIsHeardOnceSoTheScreenThatFollowsItsKindRefreshes() {
        java.util.List<Long> heard = new java.util.ArrayList<>();
        model.onArrival(n -> heard.add(n.getNotificationId()));
        Notification decided = item(5, "Refill request answered").toBuilder()
                .setKind(org.medconnect.proto.notification.v1.NotificationKind.NOTIFICATION_KIND_REFILL_DECIDED).build();

        model.apply(update(1, decided));
        model.apply(update(1, decided));
        model.apply(update(2, item(6, "Appointment moved"), decided));

        assertThat(heard).containsExactly(5L, 6L);
    }

    @Test
    void clickingARefillItemShowsTheScreenThatFollowsItsKind() {
        java.util.List<String> shown = new java.util.ArrayList<>();
        model.opensScreensWith(n -> n.getKind() == org.medconnect.proto.notification.v1.NotificationKind.NOTIFICATION_KIND_REFILL_REQUEST
                ? java.util.Optional.of(() -> shown.add("refill-requests")) : java.util.Optional.empty());
        Notification request = item(7, "Refill request").toBuilder().setRead(true)
                .setKind(org.medconnect.proto.notification.v1.NotificationKind.NOTIFICATION_KIND_REFILL_REQUEST).build();
        Notification other = item(8, "Slot offered").toBuilder().setRead(true).build();
        model.apply(update(0, request, other));

        assertThat(model.opens(request)).isTrue();
        assertThat(model.opens(other)).isFalse();
        model.open(request);
        model.open(other);

        assertThat(shown).containsExactly("refill-requests");
        assertThat(runner.pendingCount()).isZero();
    }
}
