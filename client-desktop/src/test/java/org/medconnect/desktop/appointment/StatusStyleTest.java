package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.shared.appointment.StatusMoves;

/** Status words and colours: the colours are read from medconnect.css, where they live. */
class StatusStyleTest {

    private static final List<StatusStyle> ON_THE_BOARD = List.of(StatusStyle.PENDING, StatusStyle.CONFIRMED,
            StatusStyle.CHECKED_IN, StatusStyle.IN_CONSULTATION, StatusStyle.COMPLETED, StatusStyle.NO_SHOW);
    private static final Pattern PAIR = Pattern.compile(
            "\\.(status-[a-z-]+)\\s*\\{\\s*-status-fill:\\s*(#[0-9a-fA-F]{6});\\s*-status-edge:\\s*(#[0-9a-fA-F]{6});\\s*}");
    private static final Map<String, String[]> COLOURS = new HashMap<>();

    @BeforeAll
    static void readTheStylesheet() throws IOException {
        try (InputStream in = Theme.class.getResourceAsStream("medconnect.css")) {
            Matcher m = PAIR.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                COLOURS.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        }
    }

    private static String fill(StatusStyle style) {
        return COLOURS.get(style.styleClass())[0];
    }

    private static String edge(StatusStyle style) {
        return COLOURS.get(style.styleClass())[1];
    }

    @Test
    void everyStatusHasItsColoursInTheStylesheet() {
        assertThat(COLOURS.keySet()).containsAll(Arrays.stream(StatusStyle.values()).map(StatusStyle::styleClass).toList());
    }

    @Test
    void everyStatusThatHoldsTimeHasItsOwnColour() {
        assertThat(ON_THE_BOARD.stream().map(StatusStyleTest::fill).distinct()).hasSize(ON_THE_BOARD.size());
        assertThat(ON_THE_BOARD.stream().map(StatusStyleTest::edge).distinct()).hasSize(ON_THE_BOARD.size());
        assertThat(ON_THE_BOARD).noneMatch(StatusStyle::faded);
    }

    @Test
    void cancelledAndDeclinedAreFaded() {
        assertThat(StatusStyle.of(AppointmentStatus.APPOINTMENT_STATUS_CANCELLED).faded()).isTrue();
        assertThat(StatusStyle.of(AppointmentStatus.APPOINTMENT_STATUS_DECLINED).faded()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AppointmentStatus.class, mode = EnumSource.Mode.EXCLUDE, names = {"UNRECOGNIZED", "APPOINTMENT_STATUS_UNSPECIFIED"})
    void everyStatusHasAWordAndReadableText(AppointmentStatus status) {
        StatusStyle style = StatusStyle.of(status);

        assertThat(style).isNotEqualTo(StatusStyle.UNKNOWN);
        assertThat(style.label()).isNotBlank();
        // WCAG AA for small text: at least 4.5:1 between the edge/text colour and the fill.
        assertThat(contrast(Color.web(edge(style)), Color.web(fill(style)))).isGreaterThanOrEqualTo(4.5);
        // The board's patient name (.board-block-name) on the fill.
        assertThat(contrast(Color.web("#1f2328"), Color.web(fill(style)))).isGreaterThanOrEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(value = AppointmentStatus.class, mode = EnumSource.Mode.EXCLUDE, names = {"UNRECOGNIZED", "APPOINTMENT_STATUS_UNSPECIFIED"})
    void whetherAStatusHoldsTimeIsTheSharedRule(AppointmentStatus status) {
        StatusMoves.Status shared = StatusStyle.shared(status).orElseThrow();
        assertThat(shared.name()).isEqualTo(status.name().substring("APPOINTMENT_STATUS_".length()));
        assertThat(StatusStyle.holdsTime(status)).isEqualTo(shared.holdsTime());
    }

    @Test
    void theStatusesThatHoldTimeAreTheOnesTheDatabaseGuards() {
        assertThat(Arrays.stream(AppointmentStatus.values()).filter(s -> s != AppointmentStatus.UNRECOGNIZED)
                .filter(StatusStyle::holdsTime)).containsExactlyInAnyOrder(AppointmentStatus.APPOINTMENT_STATUS_PENDING,
                AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN,
                AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION, AppointmentStatus.APPOINTMENT_STATUS_COMPLETED);
        assertThat(Arrays.stream(AppointmentStatus.values()).filter(s -> s != AppointmentStatus.UNRECOGNIZED)
                .filter(StatusStyle::holdsTime)).allMatch(s -> !StatusStyle.of(s).faded());
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
