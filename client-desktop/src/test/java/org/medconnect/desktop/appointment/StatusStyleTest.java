package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import javafx.scene.paint.Color;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

class StatusStyleTest {

    private static final List<StatusStyle> ON_THE_BOARD = List.of(StatusStyle.PENDING, StatusStyle.CONFIRMED,
            StatusStyle.CHECKED_IN, StatusStyle.IN_CONSULTATION, StatusStyle.COMPLETED, StatusStyle.NO_SHOW);

    @Test
    void everyStatusThatHoldsTimeHasItsOwnColour() {
        assertThat(ON_THE_BOARD.stream().map(StatusStyle::fill).distinct()).hasSize(ON_THE_BOARD.size());
        assertThat(ON_THE_BOARD.stream().map(StatusStyle::edge).distinct()).hasSize(ON_THE_BOARD.size());
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
        assertThat(contrast(Color.web(style.edge()), Color.web(style.fill()))).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(Color.web("#1f2328"), Color.web(style.fill()))).isGreaterThanOrEqualTo(7);
    }

    @Test
    void theStatusesThatHoldTimeAreTheOnesTheDatabaseGuards() {
        assertThat(StatusStyle.HOLDING_TIME).containsExactlyInAnyOrder(AppointmentStatus.APPOINTMENT_STATUS_PENDING,
                AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN,
                AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION, AppointmentStatus.APPOINTMENT_STATUS_COMPLETED);
        assertThat(Arrays.stream(AppointmentStatus.values()).filter(StatusStyle.HOLDING_TIME::contains))
                .allMatch(s -> !StatusStyle.of(s).faded());
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
