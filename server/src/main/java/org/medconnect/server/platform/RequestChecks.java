package org.medconnect.server.platform;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medconnect.shared.validation.ClinicCalendar;
import org.medconnect.shared.validation.FieldError;

/**
 * Checks every request message of every RPC before a service sees it, by walking its fields
 * through the protobuf descriptors (nested messages, repeated and map fields too), so a new
 * RPC is covered without a line here. Refuses with INVALID_ARGUMENT naming the field path:
 * <ul>
 *   <li>text with a control character (U+0000..U+001F, U+007F); tab, line feed and carriage
 *       return are allowed in the fields that hold free text ({@link #MULTI_LINE_FIELDS});</li>
 *   <li>an enum number the contract does not define (proto3 lets any number through);</li>
 *   <li>a timestamp outside the clinic's range ({@link ClinicCalendar});</li>
 *   <li>a repeated field longer than its documented maximum ({@link #MAX_ENTRIES}, else
 *       {@link #DEFAULT_MAX_ENTRIES}), refused without looking at its entries;</li>
 *   <li>a number outside its documented range ({@link #RANGES}).</li>
 * </ul>
 * It runs after {@link AuthInterceptor} has read the headers (a message only arrives after
 * that) and before any service, so SignIn, which needs no token, is covered as well.
 */
public final class RequestChecks implements ServerInterceptor {

    /** Fields (by name, in any message) that hold free text and may span lines. */
    static final Set<String> MULTI_LINE_FIELDS = Set.of("reason", "note", "address",
            // The chart's free text (issue 12): notes, addenda, templates, plans, summaries, letters.
            "subjective", "objective", "assessment", "plan", "text", "details", "discharge_summary", "instructions",
            "reaction", "body",
            // Prescriptions (issue 13): what the patient reads on a line.
            "warnings");
    /** At most this many entries in a repeated field with no entry in {@link #MAX_ENTRIES}. */
    static final int DEFAULT_MAX_ENTRIES = 100;
    /** Documented maxima of repeated request fields, by full field name. */
    static final Map<String, Integer> MAX_ENTRIES = Map.of(
            "medconnect.schedule.v1.AvailabilityRule.breaks", 20,
            "medconnect.schedule.v1.AvailabilityRule.weekdays", 7,
            "medconnect.appointment.v1.ListAppointmentsRequest.doctor_ids", 200,
            "medconnect.appointment.v1.WatchAppointmentsRequest.doctor_ids", 200,
            "medconnect.notification.v1.MarkNotificationsReadRequest.notification_ids", 500,
            "medconnect.prescription.v1.CheckPrescriptionRequest.lines", 50,
            "medconnect.prescription.v1.CreatePrescriptionRequest.lines", 50,
            "medconnect.prescription.v1.UpdatePrescriptionDraftRequest.lines", 50);
    /** Documented ranges of numeric request fields, by full field name. */
    static final Map<String, Range> RANGES = Map.of(
            "medconnect.common.v1.PageRequest.page_size", new Range(0, 200, "Ask for 1 to 200 items a page (0 for the default of 50)."),
            "medconnect.queue.v1.GetWaitingRoomBoardRequest.next_count", new Range(0, 10, "Ask for 1 to 10 next tokens (0 for the default of 4)."),
            "medconnect.schedule.v1.SearchSlotsRequest.limit", new Range(0, 2000, "Ask for 1 to 2000 slots (0 for the default of 500)."),
            "medconnect.appointment.v1.WatchAppointmentsRequest.after_sequence", new Range(0, Long.MAX_VALUE, "A sequence number is never negative."),
            "medconnect.chart.v1.SearchDiagnosisCodesRequest.limit", new Range(0, 100, "Ask for 1 to 100 codes (0 for the default of 20)."),
            "medconnect.chart.v1.SearchSubstancesRequest.limit", new Range(0, 100, "Ask for 1 to 100 substances (0 for the default of 20)."));

    /** An inclusive range of a numeric field and what to say when a value is outside it. */
    record Range(long min, long max, String message) {}

    private static final int MAX_REPORTED = 20;

    private final ErrorMapper errors;

    public RequestChecks(ErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                Optional<DomainException.InvalidInput> problem = message instanceof Message m ? check(m) : Optional.empty();
                if (problem.isPresent()) {
                    refused = true;
                    StatusRuntimeException status = errors.toStatus(problem.get());
                    call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The problems of one request, or empty when it may go to the service. */
    public static Optional<DomainException.InvalidInput> check(Message request) {
        List<FieldError> found = new ArrayList<>();
        walk(request, "", found);
        return found.isEmpty() ? Optional.empty() : Optional.of(new DomainException.InvalidInput(found));
    }

    private static void walk(Message message, String prefix, List<FieldError> found) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (found.size() >= MAX_REPORTED) {
                return;
            }
            String path = prefix + field.getName();
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                int max = MAX_ENTRIES.getOrDefault(field.getFullName(), DEFAULT_MAX_ENTRIES);
                if (count > max) {
                    found.add(new FieldError(path, "At most " + max + " entries (" + count + " sent)."));
                    continue;
                }
                for (int i = 0; i < count && found.size() < MAX_REPORTED; i++) {
                    value(field, message.getRepeatedField(field, i), path + "[" + i + "]", found);
                }
            } else if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || message.hasField(field)) {
                value(field, message.getField(field), path, found);
            }
        }
    }

    private static void value(FieldDescriptor field, Object value, String path, List<FieldError> found) {
        switch (field.getJavaType()) {
            case STRING -> textProblem((String) value, MULTI_LINE_FIELDS.contains(field.getName()))
                    .ifPresent(p -> found.add(new FieldError(path, p)));
            case ENUM -> {
                EnumValueDescriptor v = (EnumValueDescriptor) value;
                if (field.getEnumType().findValueByNumber(v.getNumber()) == null) {
                    found.add(new FieldError(path, v.getNumber() + " is not one of the values this field takes."));
                }
            }
            case INT, LONG -> {
                Range range = RANGES.get(field.getFullName());
                long n = ((Number) value).longValue();
                if (range != null && (n < range.min() || n > range.max())) {
                    found.add(new FieldError(path, range.message()));
                }
            }
            case MESSAGE -> {
                Message m = (Message) value;
                if (m instanceof Timestamp t) {
                    if (!ClinicCalendar.contains(t.getSeconds(), t.getNanos())) {
                        found.add(new FieldError(path, "That time is out of range. " + ClinicCalendar.OUT_OF_RANGE));
                    }
                } else {
                    walk(m, path + ".", found);
                }
            }
            default -> { }
        }
    }

    /**
     * What is wrong with a piece of text, if anything: control characters (which PostgreSQL,
     * screens and printouts cannot all take) are refused, but for line breaks and tabs in
     * free text. Emoji, right-to-left text and every other printable character are fine.
     */
    static Optional<String> textProblem(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return Optional.of(multiLine ? "Remove the control character (U+%04X) from this text.".formatted((int) c)
                        : "Remove the control character (U+%04X); this field takes a single line of text.".formatted((int) c));
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("This text has a broken character (an unpaired surrogate).");
            }
        }
        return Optional.empty();
    }
}
