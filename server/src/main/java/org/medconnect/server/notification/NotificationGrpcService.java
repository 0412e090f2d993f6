package org.medconnect.server.notification;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.medconnect.proto.notification.v1.ListNotificationsRequest;
import org.medconnect.proto.notification.v1.ListNotificationsResponse;
import org.medconnect.proto.notification.v1.ListRemindersRequest;
import org.medconnect.proto.notification.v1.ListRemindersResponse;
import org.medconnect.proto.notification.v1.MarkNotificationsReadRequest;
import org.medconnect.proto.notification.v1.MarkNotificationsReadResponse;
import org.medconnect.proto.notification.v1.NotificationKind;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.notification.v1.WatchNotificationsRequest;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.notification.NotificationModel.Notification;
import org.medconnect.server.notification.NotificationModel.Reminder;
import org.medconnect.server.notification.NotificationModel.ReminderState;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.ErrorMapper;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link NotificationService} and the live inbox of {@link InboxWatchers}. */
public final class NotificationGrpcService extends NotificationServiceGrpc.NotificationServiceImplBase {

    private final NotificationService notifications;
    private final InboxWatchers watchers;
    private final GrpcCalls calls;
    private final ErrorMapper errors;

    public NotificationGrpcService(NotificationService notifications, InboxWatchers watchers, GrpcCalls calls, ErrorMapper errors) {
        this.notifications = notifications;
        this.watchers = watchers;
        this.calls = calls;
        this.errors = errors;
    }

    @Override
    public void listNotifications(ListNotificationsRequest r, StreamObserver<ListNotificationsResponse> observer) {
        calls.unary(observer, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var inbox = notifications.inbox(CallContext.principal(), r.getUnreadOnly(), size, offset);
            var response = ListNotificationsResponse.newBuilder().setUnreadCount(inbox.unreadCount());
            inbox.items().forEach(n -> response.addNotifications(toProto(n)));
            return response.setPage(Paging.response(offset, inbox.items().size(), inbox.total(), inbox.hasMore())).build();
        });
    }

    @Override
    public void markNotificationsRead(MarkNotificationsReadRequest r, StreamObserver<MarkNotificationsReadResponse> observer) {
        calls.unary(observer, () -> MarkNotificationsReadResponse.newBuilder().setUnreadCount(notifications.markRead(
                CallContext.principal(), r.getAll() ? Optional.empty() : Optional.of(r.getNotificationIdsList()))).build());
    }

    @Override
    public void watchNotifications(WatchNotificationsRequest r, StreamObserver<WatchNotificationsResponse> observer) {
        ServerCallStreamObserver<WatchNotificationsResponse> call = (ServerCallStreamObserver<WatchNotificationsResponse>) observer;
        Principal caller;
        try {
            caller = CallContext.principal();
        } catch (RuntimeException e) {
            observer.onError(errors.toStatus(e));
            return;
        }
        InboxWatchers.Watch watch = watchers.open(caller.userId(), new InboxWatchers.Sink() {
            @Override
            public boolean isReady() {
                return call.isReady() && !call.isCancelled();
            }

            @Override
            public void send(InboxWatchers.Update update) {
                var message = WatchNotificationsResponse.newBuilder().setUnreadCount(update.unreadCount());
                update.fresh().forEach(n -> message.addNotifications(toProto(n)));
                call.onNext(message.build());
            }
        }, () -> {
            if (!call.isCancelled()) {
                call.onError(io.grpc.Status.UNAVAILABLE.withDescription("The server is stopping; reconnect to resume.").asRuntimeException());
            }
        });
        // Flow control as on the appointment stream: what waits goes out when the connection takes it.
        call.setOnReadyHandler(watch::ready);
        call.setOnCancelHandler(watch::stop);
        if (call.isCancelled()) {
            watch.stop();
        }
    }

    @Override
    public void listReminders(ListRemindersRequest r, StreamObserver<ListRemindersResponse> observer) {
        calls.unary(observer, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            Set<ReminderState> states = EnumSet.noneOf(ReminderState.class);
            r.getStatesList().forEach(s -> fromProto(s).ifPresent(states::add));
            var page = notifications.reminders(CallContext.principal(), states, size, offset);
            var response = ListRemindersResponse.newBuilder();
            page.items().forEach(x -> response.addReminders(toProto(x)));
            return response.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    static org.medconnect.proto.notification.v1.Notification toProto(Notification n) {
        var b = org.medconnect.proto.notification.v1.Notification.newBuilder()
                .setNotificationId(n.id()).setKind(toProto(n.kind())).setTitle(n.title()).setBody(n.body())
                .setCreatedAt(ProtoTypes.timestamp(n.createdAt())).setRead(n.read())
                .setAppointmentId(n.appointmentId().map(Object::toString).orElse(""))
                .setAppointmentReference(n.appointmentReference().orElse(""))
                .setPatientId(n.patientId().map(Object::toString).orElse(""));
        n.startsAt().ifPresent(t -> b.setStartsAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    static NotificationKind toProto(Kind kind) {
        return switch (kind) {
            case BOOKED -> NotificationKind.NOTIFICATION_KIND_BOOKED;
            case REQUEST_AWAITING_CONFIRMATION -> NotificationKind.NOTIFICATION_KIND_REQUEST_AWAITING_CONFIRMATION;
            case MOVED -> NotificationKind.NOTIFICATION_KIND_MOVED;
            case CANCELLED -> NotificationKind.NOTIFICATION_KIND_CANCELLED;
            case DECLINED -> NotificationKind.NOTIFICATION_KIND_DECLINED;
            case WAITING_LIST_OFFER -> NotificationKind.NOTIFICATION_KIND_WAITING_LIST_OFFER;
            case BREAK_THE_GLASS -> NotificationKind.NOTIFICATION_KIND_BREAK_THE_GLASS;
            case REFERRAL -> NotificationKind.NOTIFICATION_KIND_REFERRAL;
            case NEW_DOCUMENT -> NotificationKind.NOTIFICATION_KIND_NEW_DOCUMENT;
            case FOLLOW_UP -> NotificationKind.NOTIFICATION_KIND_FOLLOW_UP;
            case REFILL_REQUEST -> NotificationKind.NOTIFICATION_KIND_REFILL_REQUEST;
            case REFILL_DECIDED -> NotificationKind.NOTIFICATION_KIND_REFILL_DECIDED;
            case ADMISSION_UNDONE -> NotificationKind.NOTIFICATION_KIND_ADMISSION_UNDONE;
        };
    }

    static Optional<ReminderState> fromProto(org.medconnect.proto.notification.v1.ReminderState s) {
        return switch (s) {
            case REMINDER_STATE_SCHEDULED -> Optional.of(ReminderState.SCHEDULED);
            case REMINDER_STATE_SENDING -> Optional.of(ReminderState.SENDING);
            case REMINDER_STATE_RETRYING -> Optional.of(ReminderState.RETRYING);
            case REMINDER_STATE_SENT -> Optional.of(ReminderState.SENT);
            case REMINDER_STATE_FAILED -> Optional.of(ReminderState.FAILED);
            case REMINDER_STATE_CANCELLED -> Optional.of(ReminderState.CANCELLED);
            case REMINDER_STATE_SKIPPED -> Optional.of(ReminderState.SKIPPED);
            default -> Optional.empty();
        };
    }

    static org.medconnect.proto.notification.v1.ReminderState toProto(ReminderState s) {
        return switch (s) {
            case SCHEDULED -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_SCHEDULED;
            case SENDING -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_SENDING;
            case RETRYING -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_RETRYING;
            case SENT -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_SENT;
            case FAILED -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_FAILED;
            case CANCELLED -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_CANCELLED;
            case SKIPPED -> org.medconnect.proto.notification.v1.ReminderState.REMINDER_STATE_SKIPPED;
        };
    }

    static org.medconnect.proto.notification.v1.Reminder toProto(Reminder x) {
        var b = org.medconnect.proto.notification.v1.Reminder.newBuilder()
                .setReminderId(x.id().toString()).setAppointmentId(x.appointmentId().toString())
                .setAppointmentReference(x.appointmentReference()).setPatientDisplayName(x.patientName())
                .setDoctorDisplayName(x.doctorName()).setAppointmentStartsAt(ProtoTypes.timestamp(x.appointmentStartsAt()))
                .setLeadMinutes((int) x.lead().toMinutes()).setDueAt(ProtoTypes.timestamp(x.dueAt()))
                .setState(toProto(x.state())).setAttempts(x.attempts())
                .setLastError(x.lastError().orElse("")).setChannel(x.channel().orElse(""));
        if (x.state() == ReminderState.SCHEDULED || x.state() == ReminderState.RETRYING) {
            b.setNextAttemptAt(ProtoTypes.timestamp(x.nextAttemptAt()));
        }
        x.sentAt().ifPresent(t -> b.setSentAt(ProtoTypes.timestamp(t)));
        return b.build();
    }
}
