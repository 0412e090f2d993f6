package org.medconnect.desktop.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.shared.validation.FieldError;

/**
 * One error message per form field, filled from the client's own checks or from the server's field
 * violations (which may name the field with a message prefix, e.g. "rule.start_time" or "breaks[1].end_time").
 */
public final class FormErrors {

    private final Map<String, StringProperty> fields = new LinkedHashMap<>();

    public FormErrors(String... names) {
        for (String name : names) {
            fields.put(name, new SimpleStringProperty(""));
        }
    }

    public StringProperty get(String field) {
        StringProperty property = fields.get(field);
        if (property == null) {
            throw new IllegalArgumentException("No such field: " + field);
        }
        return property;
    }

    /** The field's message goes as soon as one of its inputs changes: it spoke of what was there before. */
    public void clearWhenChanged(String field, javafx.beans.Observable... inputs) {
        StringProperty error = get(field);
        for (javafx.beans.Observable input : inputs) {
            input.addListener(o -> error.set(""));
        }
    }

    public void clear() {
        fields.values().forEach(p -> p.set(""));
    }

    public boolean any() {
        return fields.values().stream().anyMatch(p -> !p.get().isEmpty());
    }

    /** Shows the client's checks; a field with two problems shows the first. */
    public void show(Iterable<FieldError> errors) {
        clear();
        for (FieldError error : errors) {
            slot(error.field()).filter(p -> p.get().isEmpty()).ifPresent(p -> p.set(error.message()));
        }
    }

    /** Shows the server's field violations; returns whether any of them found its field. */
    public boolean showServer(Map<String, String> violations) {
        clear();
        boolean placed = false;
        for (Map.Entry<String, String> violation : violations.entrySet()) {
            Optional<StringProperty> slot = slot(violation.getKey());
            if (slot.isPresent()) {
                slot.get().set(violation.getValue());
                placed = true;
            }
        }
        return placed;
    }

    /** The slot for a field name: exact, then without leading "message." parts; a list item goes to its list. */
    Optional<StringProperty> slot(String name) {
        String key = name;
        while (true) {
            String plain = key.replaceAll("\\[\\d+]", "");
            String head = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
            if (fields.containsKey(plain)) {
                return Optional.of(fields.get(plain));
            }
            if (key.matches("^[a-z_]+\\[\\d+].*") && fields.containsKey(head)) {
                return Optional.of(fields.get(head));
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            key = key.substring(dot + 1);
        }
    }
}
