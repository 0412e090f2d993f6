package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medconnect.server.testing.Calls;
import org.medconnect.shared.validation.FieldError;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper();

    /** Every kind of domain error, with the status and reason a workstation receives. */
    record Kind(DomainException error, Status.Code code, String reason) {
        @Override
        public String toString() {
            return error.getClass().getSimpleName();
        }
    }

    static List<Kind> everyKind() {
        return List.of(
                new Kind(DomainException.InvalidInput.of("email", "Bad email."), Status.Code.INVALID_ARGUMENT, null),
                new Kind(new DomainException.Conflict("username", "That username is taken."), Status.Code.ALREADY_EXISTS, null),
                new Kind(new DomainException.NotFound("That patient does not exist."), Status.Code.NOT_FOUND, null),
                new Kind(new DomainException.PermissionDenied("Only the doctor can do that."), Status.Code.PERMISSION_DENIED, null),
                new Kind(new DomainException.Unauthenticated("LOCKED", "Locked for a while.", Instant.parse("2026-12-06T10:00:00Z")),
                        Status.Code.UNAUTHENTICATED, "LOCKED"),
                new Kind(new DomainException.FailedPrecondition("SLOT_NOT_AVAILABLE", "Pick a free slot."),
                        Status.Code.FAILED_PRECONDITION, "SLOT_NOT_AVAILABLE"),
                new Kind(new DomainException.Aborted("SLOT_TAKEN", "That slot was just taken."), Status.Code.ABORTED, "SLOT_TAKEN"),
                new Kind(new DomainException.TooSlow("SUBSCRIBER_TOO_SLOW", "Reconnect and resume."),
                        Status.Code.RESOURCE_EXHAUSTED, "SUBSCRIBER_TOO_SLOW"),
                new Kind(new DomainException.OutOfRange("REPLAY_UNAVAILABLE", "Reload."), Status.Code.OUT_OF_RANGE, "REPLAY_UNAVAILABLE"),
                new Kind(new DomainException.Unavailable("SERVER_STOPPING", "Reconnect."), Status.Code.UNAVAILABLE, "SERVER_STOPPING"));
    }

    @Test
    void theTableCoversEveryKindOfDomainError() {
        // A new kind of DomainException fails here until it is added to the table above.
        assertThat(everyKind().stream().<Class<?>>map(k -> k.error().getClass()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(DomainException.class.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void eachDomainErrorHasItsStatusItsReasonAndTheReadableMessage(Kind kind) {
        var sent = mapper.toStatus(kind.error());
        assertThat(sent.getStatus().getCode()).isEqualTo(kind.code());
        assertThat(sent.getStatus().getDescription()).isEqualTo(kind.error().getMessage());
        assertThat(Calls.reason(sent)).isEqualTo(kind.reason() == null ? kind.error().reason() : kind.reason());
    }

    @Test
    void invalidInputNamesEachField() {
        var sent = mapper.toStatus(new DomainException.InvalidInput(List.of(new FieldError("email", "Bad email."),
                new FieldError("phone", "Bad phone."))));
        assertThat(Calls.badFields(sent)).containsExactly("email", "phone");
    }

    @Test
    void aConflictNamesItsField() {
        assertThat(Calls.badFields(mapper.toStatus(new DomainException.Conflict("username", "Taken.")))).containsExactly("username");
    }

    @Test
    void aLockCarriesWhenItEnds() {
        var sent = mapper.toStatus(new DomainException.Unauthenticated("LOCKED", "Locked.", Instant.parse("2026-12-06T10:00:00Z")));
        assertThat(Calls.detail(sent).getLockedUntil()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @Test
    void aSerializationFailureAsksToTryAgain() {
        var sent = mapper.toStatus(new DataAccessException("conflict", new java.sql.SQLException("could not serialize", "40001")));
        assertThat(sent.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(Calls.reason(sent)).isEqualTo("ABORTED");
    }

    @Test
    void anUnexpectedErrorIsInternalWithAReferenceAndNoTrace() {
        var status = mapper.toStatus(new IllegalStateException("connection to 10.0.0.5 refused, password=hunter2"));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        String reference = Calls.detail(status).getReferenceId();
        assertThat(reference).hasSize(8);
        assertThat(status.getStatus().getDescription())
                .contains(reference)
                .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("10.0.0.5");
        assertThat(status.getStatus().getCause()).isNull();
    }


    /** What the driver, the pool and jOOQ throw when PostgreSQL is down, restarting or refusing. */
    static Stream<Arguments> databaseUnreachable() {
        var refused = new PSQLException("Connection to localhost:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        return Stream.of(
                Arguments.of("jOOQ could not get a connection", new DataAccessException("Error getting connection from data source", refused)),
                Arguments.of("HikariCP timed out while PostgreSQL refused", new DataAccessException("Error getting connection from data source",
                        new SQLTransientConnectionException("medconnect - Connection is not available, request timed out after 2000ms", "08001", refused))),
                Arguments.of("I/O error on a pooled connection", new DataAccessException("SQL [select 1]",
                        new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE))),
                Arguments.of("admin shutdown", new DataAccessException("SQL", new SQLException("terminating connection due to administrator command", "57P01"))),
                Arguments.of("crash of another process", new DataAccessException("SQL", new SQLException("terminating connection because of crash of another server process", "57P02"))),
                Arguments.of("the database system is starting up", new SQLException("the database system is starting up", "57P03")),
                Arguments.of("a bare refused socket", new IllegalStateException("cannot listen", new ConnectException("Connection refused"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseUnreachable")
    void aDatabaseThatCannotBeReachedIsUnavailableAndSafeToRetry(String what, Throwable failure) {
        AtomicInteger told = new AtomicInteger();
        var status = new ErrorMapper(told::incrementAndGet).toStatus(failure);
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getStatus().getDescription()).isEqualTo("The server's database is unavailable; retrying is safe.");
        assertThat(Calls.reason(status)).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(told).as("the health monitor is told to look at once").hasValue(1);
    }

    @Test
    void aPoolWornOutByLoadIsUnavailableAsBusy() {
        var status = mapper.toStatus(new DataAccessException("Error getting connection from data source",
                new SQLTransientConnectionException("medconnect - Connection is not available, request timed out after 2000ms")));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(Calls.reason(status)).isEqualTo("SERVER_BUSY");
        assertThat(status.getStatus().getDescription()).contains("retrying is safe");
    }

    @Test
    void aFullDiskIsResourceExhaustedAndSaysNothingWasSaved() {
        var status = mapper.toStatus(new DataAccessException("SQL [insert]", new SQLException("could not extend file: No space left on device", "53100")));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(Calls.reason(status)).isEqualTo("DATABASE_DISK_FULL");
        assertThat(status.getStatus().getDescription()).contains("nothing was saved").doesNotContain("No space left");
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        var status = mapper.toStatus(new DataAccessException("SQL", new SQLException("syntax error", "42601")));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    }
}
