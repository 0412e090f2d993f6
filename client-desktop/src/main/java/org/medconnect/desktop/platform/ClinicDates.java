package org.medconnect.desktop.platform;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.control.DatePicker;
import javafx.util.StringConverter;
import org.medconnect.shared.locale.ClinicLocale;

/**
 * The clinic's way of writing dates on this workstation: every date field ({@link #picker}) shows and
 * reads the clinic's pattern, and every calendar starts on the clinic's first day of week.
 *
 * <p>The settings are process-wide, like {@link Locale#getDefault()}, because that is where JavaFX's
 * {@code DatePicker} popup reads its first day of week: {@link #use} sets the JVM's FORMAT locale to the
 * clinic's. The shell calls it at sign-in with what the server sent.
 */
public final class ClinicDates {

    private static volatile ClinicLocale current = ClinicLocale.DEFAULT;

    private ClinicDates() {}

    /** Adopts the clinic's settings; date fields built from now on follow them. */
    public static void use(ClinicLocale clinic) {
        current = Objects.requireNonNull(clinic);
        Locale.setDefault(Locale.Category.FORMAT, clinic.formatLocale());
    }

    public static ClinicLocale current() {
        return current;
    }

    /** "10/12/2026" in a dd/MM/yyyy clinic. */
    public static String format(LocalDate date) {
        return date == null ? "" : current.format(date);
    }

    public static Optional<LocalDate> parse(String typed) {
        return current.parse(typed);
    }

    /** A date field in the clinic's format, bound both ways to {@code value}. */
    public static DatePicker picker(String id, javafx.beans.property.ObjectProperty<LocalDate> value) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPrefWidth(150);
        picker.setMinWidth(140);
        picker.setConverter(converter());
        picker.setPromptText(current.hint());
        picker.valueProperty().bindBidirectional(value);
        return picker;
    }

    /** Shows and reads dates the clinic's way; text it cannot read leaves the field empty rather than guessing. */
    public static StringConverter<LocalDate> converter() {
        return new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return format(date);
            }

            @Override
            public LocalDate fromString(String text) {
                return parse(text).orElse(null);
            }
        };
    }
}
