package org.medconnect.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.WhoAmIRequest;
import org.medconnect.proto.common.v1.Role;

class TestClinicTest {

    @Test
    void aUserCreatedInTheFixtureSignsInOverRealNetty() {
        try (TestClinic clinic = TestClinic.start()) {
            clinic.createUser("maria.lopez", "reception-pass-1", "RECEPTIONIST", "Maria Lopez", false);
            var auth = AuthServiceGrpc.newBlockingStub(clinic.channel());
            var signedIn = auth.signIn(SignInRequest.newBuilder().setUsername("maria.lopez").setPassword("reception-pass-1").build());
            var me = auth.withCallCredentials(Calls.bearer(signedIn.getSessionToken())).whoAmI(WhoAmIRequest.getDefaultInstance());
            assertThat(me.getPrincipal().getDisplayName()).isEqualTo("Maria Lopez");
            assertThat(me.getPrincipal().getRolesList()).containsExactly(Role.ROLE_RECEPTIONIST);
        }
    }
}
