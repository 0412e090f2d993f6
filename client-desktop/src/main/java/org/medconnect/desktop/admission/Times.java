package org.medconnect.desktop.admission;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.medconnect.desktop.platform.ClinicDates;

/** Admission times as the ward lists show them: the clinic's date format and zone, e.g. "07/12/2026 08:00". */
record Times(ZoneId zone) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    String when(com.google.protobuf.Timestamp t) {
        if (t.getSeconds() == 0 && t.getNanos() == 0) {
            return "";
        }
        var local = Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).atZone(zone);
        return ClinicDates.format(local.toLocalDate()) + " " + TIME.format(local);
    }
}
