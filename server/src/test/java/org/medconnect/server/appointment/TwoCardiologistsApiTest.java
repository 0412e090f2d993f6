package org.medconnect.server.appointment;

import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.ShiftedClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The clinic the appointment API tests run against, over real Netty: two cardiologists
 * working every day at one site, a receptionist, a consultation type, and all three signed
 * in. Tests book on {@link #day}, a week ahead.
 */
abstract class TwoCardiologistsApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final String opens;
    private final String closes;

    final ShiftedClock clock = new ShiftedClock();
    TestClinic clinic;
    SchedulingFixture fixture;
    Principal okafor;
    Principal lindqvist;
    UUID riverside;
    UUID consultation;
    LocalDate day;
    String receptionToken;
    String okaforToken;
    String lindqvistToken;

    /** The doctors' daily hours, e.g. "09:00" to "17:00". */
    TwoCardiologistsApiTest(String opens, String closes) {
        this.opens = opens;
        this.closes = closes;
    }

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(clock, TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        consultation = fixture.type("Consultation", 20, 5, false, false);
        LocalDate today = LocalDate.now(BERLIN);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, opens, closes, 15, today);
        fixture.weekly(lindqvist.userId(), riverside, Optional.empty(), EVERY_DAY, opens, closes, 15, today);
        day = today.plusDays(7);
        signIn();
    }

    private void signIn() {
        var auth = clinic.services().auth();
        receptionToken = auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        okaforToken = auth.signIn("okafor", "doctor-pass-2026", "room-1", "test").token();
        lindqvistToken = auth.signIn("lindqvist", "doctor-pass-2026", "room-2", "test").token();
    }

    /**
     * Moves the server's clock to 07:30 on {@link #day} (check-in belongs to the appointment's
     * day) and signs everyone in again, the old sessions having run out on the way.
     */
    void arriveOnTheDay() {
        clock.jumpTo(at("07:30"));
        signIn();
    }

    @AfterEach
    void closeClinic() {
        clinic.close();
    }

    /** {@code time} on {@link #day} in the clinic's zone. */
    Instant at(String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant();
    }
}
