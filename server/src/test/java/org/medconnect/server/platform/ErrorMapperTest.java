package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.medconnect.server.testing.Calls;

class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper();

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

    @Test
    void eachDomainErrorHasItsStatus() {
        assertThat(mapper.toStatus(new DomainException.NotFound("x")).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(mapper.toStatus(new DomainException.Conflict("username", "x")).getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(mapper.toStatus(new DomainException.PermissionDenied("x")).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(mapper.toStatus(new DomainException.FailedPrecondition("R", "x")).getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(mapper.toStatus(DomainException.InvalidInput.of("email", "Bad email.")).getStatus().getDescription()).isEqualTo("Bad email.");
    }
}
