package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Staff "forgot password": a one-time code by email, hashed, expiring, single use, rate-limited. */
class PasswordResetCodeTest {

    private static final String PASSWORD = "reception-pass-1";
    private static final String NEW_PASSWORD = "brand-new-pass-77";

    private record Mail(String to, String subject, String body) {}

    @TempDir
    Path home;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<Mail> sent = new ArrayList<>();
    private Database db;
    private ClinicServices services;
    private SecondFactorService withMail;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), db, clock);
        services.staff().createUser(null, new NewUser(Optional.empty(), "maria.lopez", "Maria Lopez", "maria@clinic.test", "",
                Optional.of(Role.RECEPTIONIST), Optional.empty(), PASSWORD), false);
        withMail = new SecondFactorService(db.dsl(), services.auth(), SecondFactorKey.load(home),
                new PasswordHasher(TestConfig.defaults().passwordHashing()), clock, Set.of(), Duration.ofMinutes(5),
                Optional.of((to, subject, body) -> sent.add(new Mail(to, subject, body))), new RecentSessions());
    }

    private String mailedCode() {
        Matcher m = Pattern.compile("\\b([0-9]{8})\\b").matcher(sent.getLast().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void withoutAMailServerItSaysToAskAnAdmin() {
        var answer = services.secondFactor().requestPasswordReset("maria.lopez", "test");

        assertThat(answer.delivery()).isEqualTo(SecondFactorService.ResetDelivery.ASK_ADMIN);
        assertThat(answer.message()).contains("Ask an administrator");
    }

    @Test
    void theEmailedCodeSetsANewPasswordOnce() {
        var answer = withMail.requestPasswordReset("Maria.Lopez", "test");
        assertThat(answer.delivery()).isEqualTo(SecondFactorService.ResetDelivery.EMAIL);
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("maria@clinic.test"));
        String code = mailedCode();

        withMail.resetPasswordWithCode("maria.lopez", code, NEW_PASSWORD, "test");

        assertThat(services.auth().signIn("maria.lopez", NEW_PASSWORD, null, "test").token()).isNotEmpty();
        var again = catchThrowableOfType(DomainException.InvalidInput.class,
                () -> withMail.resetPasswordWithCode("maria.lopez", code, "another-pass-99", "test"));
        assertThat(again.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void theCodeExpiresAfterFifteenMinutes() {
        withMail.requestPasswordReset("maria.lopez", "test");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        catchThrowableOfType(DomainException.InvalidInput.class,
                () -> withMail.resetPasswordWithCode("maria.lopez", mailedCode(), NEW_PASSWORD, "test"));

        assertThat(services.auth().signIn("maria.lopez", PASSWORD, null, "test").token()).isNotEmpty();
    }

    @Test
    void fiveWrongTriesSpendTheCode() {
        withMail.requestPasswordReset("maria.lopez", "test");
        String code = mailedCode();
        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> withMail.resetPasswordWithCode("maria.lopez", "00000000", NEW_PASSWORD, "test"));
        }

        assertThat(catchThrowableOfType(DomainException.InvalidInput.class,
                () -> withMail.resetPasswordWithCode("maria.lopez", code, NEW_PASSWORD, "test"))).isNotNull();
    }

    @Test
    void atMostThreeCodesAnHourAreSentAndAnUnknownUsernameGetsTheSameAnswer() {
        for (int i = 0; i < 5; i++) {
            withMail.requestPasswordReset("maria.lopez", "test");
        }
        assertThat(sent).hasSize(3);

        var unknown = withMail.requestPasswordReset("nobody.here", "test");
        assertThat(unknown.message()).isEqualTo(withMail.requestPasswordReset("maria.lopez", "test").message()
                .replace("maria.lopez", "nobody.here"));
        assertThat(sent).hasSize(3);

        clock.advance(Duration.ofMinutes(61));
        withMail.requestPasswordReset("maria.lopez", "test");
        assertThat(sent).hasSize(4);
    }

    @Test
    void theCodeIsStoredOnlyAsAHash() {
        withMail.requestPasswordReset("maria.lopez", "test");
        String code = mailedCode();

        List<byte[]> stored = db.dsl().fetch("select code_hash from password_reset_code").getValues(0, byte[].class);

        assertThat(stored).singleElement().satisfies(h -> {
            assertThat(h).hasSize(32);
            assertThat(new String(h, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(code);
        });
    }
}
