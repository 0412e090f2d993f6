package org.medconnect.desktop.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.proto.staff.v1.StaffUser;

class StaffViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");

    @ParameterizedTest(name = "active={0}, locked until {1} -> {2}")
    @CsvSource({
            "true,  ,                     Active",
            "false, ,                     Inactive",
            "true,  2026-11-23T14:15:00Z, Locked",
            "true,  2026-11-23T13:45:00Z, Active",
            "false, 2026-11-23T14:15:00Z, Inactive"})
    void statusColumnSaysActiveInactiveOrLocked(boolean active, String lockedUntil, String expected) {
        StaffUser.Builder user = StaffUser.newBuilder().setActive(active);
        if (lockedUntil != null) {
            user.setLockedUntil(Timestamp.newBuilder().setSeconds(Instant.parse(lockedUntil).getEpochSecond()));
        }

        assertThat(StaffViewModel.status(user.build(), NOW)).isEqualTo(expected);
    }
}
