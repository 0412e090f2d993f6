package org.medconnect.desktop.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.billing.v1.BillingProfile;

/** The billing-profile editor: the server's limits checked before sending, and a stale save keeping what was typed. */
class BillingProfileViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private BillingProfileViewModel model;

    @BeforeEach
    void setUp() {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "test:1", ZoneOffset.UTC), new SessionState());
        model = new BillingProfileViewModel(new ServerConnection(java.time.Duration.ofSeconds(1), s -> { }), calls, ZoneOffset.UTC);
        model.reload();
        runner.succeed(BillingProfile.newBuilder().setClinicName("Riverside Clinic").setAddress("12 River Street").setTaxId("GB1")
                .setPhone("+44 20 7946 0000").setEmail("billing@riverside.example").setPaymentTermsDays(14).setCurrencyCode("GBP")
                .setVersion(3).build());
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is refused")
    @CsvSource(delimiter = '|', value = {
            "clinic_name | ' '",
            "clinic_name | LONG121",
            "address | LONG301",
            "tax_id | LONG41",
            "phone | LONG41",
            "email | billing at riverside",
            "payment_terms_days | 366",
            "payment_terms_days | -1",
            "payment_terms_days | two weeks"})
    void refusesWhatTheServerWouldRefuseWithoutSendingIt(String field, String typed) {
        String value = typed.startsWith("LONG") ? "x".repeat(Integer.parseInt(typed.substring(4))) : typed;
        switch (field) {
            case "clinic_name" -> model.clinicNameProperty().set(value);
            case "address" -> model.addressProperty().set(value);
            case "tax_id" -> model.taxIdProperty().set(value);
            case "phone" -> model.phoneProperty().set(value);
            case "email" -> model.emailProperty().set(value);
            default -> model.termsDaysProperty().set(value);
        }
        model.save();
        assertThat(runner.pendingCount()).isZero();
        assertThat(model.errors().get(field).get()).isNotBlank();
        assertThat(model.messageProperty().get()).isEqualTo("Correct the marked fields; nothing was saved.");
    }

    @Test
    void acceptsTheLimitsThemselvesAndSendsTheVersionItRead() {
        model.clinicNameProperty().set("x".repeat(120));
        model.addressProperty().set("1 New Road\n10117 Berlin");
        model.termsDaysProperty().set("365");
        model.save();
        assertThat(runner.pendingCount()).isEqualTo(1);
        assertThat(model.errors().any()).isFalse();
    }

    @Test
    void aSaveRefusedAsStaleShowsWhoChangedItAndKeepsWhatWasTypedUntilReload() {
        model.clinicNameProperty().set("Harbour Family Practice");
        model.save();
        runner.fail(Status.ABORTED.withDescription("Changed by Ines Duarte at 08:12; reload to see it. Your text is kept.").asRuntimeException());
        assertThat(model.messageProperty().get()).contains("Changed by Ines Duarte at 08:12");
        assertThat(model.staleProperty().get()).isTrue();
        assertThat(model.clinicNameProperty().get()).isEqualTo("Harbour Family Practice");

        model.reload();
        runner.succeed(BillingProfile.newBuilder().setClinicName("Riverside Medical Centre").setPaymentTermsDays(30).setCurrencyCode("GBP")
                .setVersion(4).setUpdatedByName("Ines Duarte").build());
        assertThat(model.clinicNameProperty().get()).isEqualTo("Riverside Medical Centre");
        assertThat(model.staleProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEmpty();
    }
}
