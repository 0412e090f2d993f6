package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medconnect.server.testing.Calls;
import org.medconnect.shared.validation.FieldError;

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
}
