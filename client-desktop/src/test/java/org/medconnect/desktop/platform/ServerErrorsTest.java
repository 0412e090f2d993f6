package org.medconnect.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.proto.common.v1.ErrorDetail;

class ServerErrorsTest {

    private final ServerErrors errors = new ServerErrors(() -> "clinic-server:50051", ZoneOffset.UTC);

    @Test
    void unreachableServerNamesTheAddressAndWhatToCheck() {
        CallFailure failure = errors.translate(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());

        assertThat(failure.message()).isEqualTo("Cannot reach the MedConnect server at clinic-server:50051. "
                + "Check the address and that the server is running.");
        assertThat(failure.serverUnreachable()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} shows the server's own sentence")
    @CsvSource(delimiter = '|', textBlock = """
            UNAVAILABLE        | DATABASE_UNAVAILABLE | The server's database is unavailable; retrying is safe.
            UNAVAILABLE        | SERVER_BUSY          | The server is busy; retrying is safe.
            RESOURCE_EXHAUSTED | DATABASE_DISK_FULL   | The server's database disk is full; retrying is safe once space has been freed.
            """)
    void aServerWhoseDatabaseIsDownIsNotCalledUnreachable(Status.Code code, String reason, String serverSentence) {
        CallFailure failure = errors.translate(Failures.reason(code, serverSentence, reason));

        assertThat(failure.message()).isEqualTo(serverSentence).doesNotContain("Cannot reach");
        assertThat(failure.databaseUnavailable()).isEqualTo(code == Status.Code.UNAVAILABLE);
    }

    @ParameterizedTest(name = "{0} {1} shows \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            UNAUTHENTICATED     | WRONG_CREDENTIALS        | The username or password is not right.
            UNAUTHENTICATED     | ACCOUNT_INACTIVE         | This account has been deactivated. Ask an administrator.
            UNAUTHENTICATED     | SESSION_EXPIRED          | Your session ended (idle for too long). Sign in again to continue.
            FAILED_PRECONDITION | PASSWORD_CHANGE_REQUIRED | Choose a new password first.
            ALREADY_EXISTS      | CONFLICT                 | That username is already taken.
            """)
    void showsTheServersSentenceForEachReason(Status.Code code, String reason, String expected) {
        String serverSentence = reason.equals("SESSION_EXPIRED") ? "Session expired." : expected;
        CallFailure failure = errors.translate(Failures.reason(code, serverSentence, reason));

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.message()).isEqualTo(expected);
    }

    @Test
    void lockedAccountCarriesTheTimeItOpensAgain() {
        ErrorDetail detail = ErrorDetail.newBuilder().setReason("ACCOUNT_LOCKED").setLockedUntil("2026-11-23T14:45:00Z").build();
        CallFailure failure = errors.translate(Failures.of(Status.Code.UNAUTHENTICATED, "", detail));

        assertThat(failure.lockedUntil()).contains(Instant.parse("2026-11-23T14:45:00Z"));
        assertThat(failure.message()).contains("locked").contains("14:45");
    }

    @Test
    void validationErrorsArriveAsFieldMessages() {
        CallFailure failure = errors.translate(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.",
                "VALIDATION", "email", "That email is not valid.", "doctor_profile.department_id", "Choose a department."));

        assertThat(failure.fieldErrors())
                .containsEntry("email", "That email is not valid.")
                .containsEntry("doctor_profile.department_id", "Choose a department.");
        assertThat(failure.definiteRefusal()).isTrue();
    }

    @Test
    void internalErrorShowsTheReferenceToQuote() {
        ErrorDetail detail = ErrorDetail.newBuilder().setReason("INTERNAL").setReferenceId("ab12cd").build();
        CallFailure failure = errors.translate(Failures.of(Status.Code.INTERNAL, "The server ran into a problem.", detail));

        assertThat(failure.message()).isEqualTo("The server ran into a problem. (reference ab12cd)");
    }

    @Test
    void sessionExpiryIsRecognisedSoTheReSignInPromptCanOpen() {
        assertThat(errors.translate(Failures.reason(Status.Code.UNAUTHENTICATED, "Session expired.", "SESSION_EXPIRED"))
                .sessionExpired()).isTrue();
        assertThat(errors.translate(Failures.reason(Status.Code.UNAUTHENTICATED, "Wrong.", "WRONG_CREDENTIALS"))
                .sessionExpired()).isFalse();
    }

    @Test
    void aBugOnTheWorkstationIsNotBlamedOnTheServer() {
        CallFailure failure = errors.translate(new IllegalStateException("boom"));

        assertThat(failure.message()).startsWith("Something went wrong on this workstation");
    }
}
