package org.medconnect.desktop.chart.vitals;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.RecordVitalsRequest;
import org.medconnect.proto.chart.v1.RecordVitalsResponse;
import org.medconnect.proto.chart.v1.VitalSet;
import org.medconnect.proto.chart.v1.VitalValues;
import org.medconnect.shared.chart.VitalSigns;
import org.medconnect.shared.chart.VitalSigns.Flag;
import org.medconnect.shared.chart.VitalSigns.Reading;
import org.medconnect.shared.chart.VitalSigns.Vital;
import org.medconnect.shared.validation.FieldError;

/**
 * The vitals entry form: one text per vital, checked as the user types with the shared rules
 * (an implausible value says so and blocks saving; an abnormal one is flagged), BMI shown
 * before saving, and Save sends one set with a request id that survives a retry.
 */
public final class VitalsFormViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;
    private final Clock clock;
    private final Map<Vital, StringProperty> texts = new EnumMap<>(Vital.class);
    private final Map<Vital, StringProperty> hints = new EnumMap<>(Vital.class);
    private final Map<Vital, StringProperty> flags = new EnumMap<>(Vital.class);
    private final StringProperty bmi = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<VitalSet> onRecorded = s -> { };
    private String requestId = UUID.randomUUID().toString();

    public VitalsFormViewModel(ServerConnection connection, ServerCalls calls, String patientId, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        this.clock = clock;
        for (Vital v : VitalSigns.MEASURED) {
            texts.put(v, new SimpleStringProperty(""));
            hints.put(v, new SimpleStringProperty(""));
            flags.put(v, new SimpleStringProperty(""));
            texts.get(v).addListener((o, was, now) -> check());
        }
    }

    /** Runs after the server recorded a set (the trend reloads, the form empties). */
    public void onRecorded(Consumer<VitalSet> handler) {
        this.onRecorded = handler;
    }

    private void check() {
        notice.set("");
        boolean unreadable = false;
        for (Vital v : VitalSigns.MEASURED) {
            String typed = texts.get(v).get();
            Optional<BigDecimal> value = VitalSigns.parse(typed);
            if (!typed.isBlank() && value.isEmpty()) {
                hints.get(v).set("Type a number.");
                flags.get(v).set("");
                unreadable = true;
                continue;
            }
            hints.get(v).set(value.flatMap(x -> VitalSigns.problem(v, x)).orElse(""));
            flags.get(v).set(value.filter(x -> VitalSigns.problem(v, x).isEmpty()).map(x -> flagText(VitalSigns.flag(v, x))).orElse(""));
        }
        Reading reading = reading();
        var bmiValue = VitalSigns.bmi(reading.weight(), reading.height());
        bmi.set(bmiValue.map(b -> b.toPlainString() + " kg/m\u00b2" + flagSuffix(VitalSigns.flag(Vital.BMI, b))).orElse(""));
        var problems = VitalSigns.problems(reading);
        valid.set(!unreadable && problems.isEmpty());
        problem.set(problems.stream().filter(e -> !e.field().equals("values") && hints.values().stream().noneMatch(h -> h.get().equals(e.message())))
                .map(FieldError::message).findFirst().orElse(""));
    }

    private static String flagSuffix(Flag f) {
        return f == Flag.NORMAL ? "" : " (" + flagText(f) + ")";
    }

    /** "High", "Critical low"; "" for normal. */
    public static String flagText(Flag f) {
        return switch (f) {
            case NORMAL -> "";
            case LOW -> "Low";
            case HIGH -> "High";
            case CRITICAL_LOW -> "Critical low";
            case CRITICAL_HIGH -> "Critical high";
        };
    }

    Reading reading() {
        return new Reading(value(Vital.SYSTOLIC), value(Vital.DIASTOLIC), value(Vital.HEART_RATE), value(Vital.TEMPERATURE),
                value(Vital.RESPIRATORY_RATE), value(Vital.OXYGEN_SATURATION), value(Vital.BODY_WEIGHT), value(Vital.BODY_HEIGHT));
    }

    private Optional<BigDecimal> value(Vital v) {
        return VitalSigns.parse(texts.get(v).get());
    }

    /** Sends the set; refused locally while a value is implausible or missing. */
    public void save() {
        check();
        if (!valid.get()) {
            if (problem.get().isEmpty()) {
                problem.set(VitalSigns.problems(reading()).stream().map(FieldError::message).findFirst().orElse("Check the values."));
            }
            return;
        }
        Reading r = reading();
        VitalValues.Builder v = VitalValues.newBuilder();
        r.systolic().ifPresent(x -> v.setSystolicMmhg(x.intValueExact()));
        r.diastolic().ifPresent(x -> v.setDiastolicMmhg(x.intValueExact()));
        r.pulse().ifPresent(x -> v.setPulsePerMin(x.intValueExact()));
        r.temperature().ifPresent(x -> v.setTemperatureC(x.doubleValue()));
        r.respiratoryRate().ifPresent(x -> v.setRespiratoryPerMin(x.intValueExact()));
        r.spo2().ifPresent(x -> v.setSpo2Pct(x.intValueExact()));
        r.weight().ifPresent(x -> v.setWeightKg(x.doubleValue()));
        r.height().ifPresent(x -> v.setHeightCm(x.doubleValue()));
        var now = clock.instant();
        RecordVitalsRequest request = RecordVitalsRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond())).setValues(v).build();
        calls.call(busy, () -> connection.vitals().recordVitals(request), this::recorded, f -> {
            problem.set(f.message());
        });
    }

    void recorded(RecordVitalsResponse r) {
        requestId = UUID.randomUUID().toString();
        texts.values().forEach(t -> t.set(""));
        problem.set("");
        notice.set("Vitals recorded.");
        onRecorded.accept(r.getVitals());
    }

    public StringProperty text(Vital v) { return texts.get(v); }
    /** Why the typed value cannot be saved, or "". */
    public StringProperty hint(Vital v) { return hints.get(v); }
    /** "High", "Critical low" for an abnormal plausible value, or "". */
    public StringProperty flag(Vital v) { return flags.get(v); }
    public StringProperty bmiProperty() { return bmi; }
    public StringProperty problemProperty() { return problem; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty validProperty() { return valid; }
    public BooleanProperty busyProperty() { return busy; }
}
