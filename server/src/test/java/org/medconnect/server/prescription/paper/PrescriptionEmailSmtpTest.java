package org.medconnect.server.prescription.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.PRESCRIPTION_DOCUMENT;
import static org.medconnect.server.db.Tables.PRESCRIPTION_EMAIL;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.grpc.Status;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.server.chart.problem.ChartListsClinic;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.prescription.paper.PaperClinic.Rx;
import org.medconnect.server.testing.TestConfig;

/** EmailPrescription through the clinic's SMTP server (GreenMail): the archived PDF attached, sent once per request id. */
class PrescriptionEmailSmtpTest {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("clinic", "s3cret-pass"));

    PaperClinic clinic;

    @BeforeEach
    void start() {
        var smtp = new ServerConfig.Smtp("127.0.0.1", mail.getSmtp().getPort(), "clinic", "s3cret-pass", "clinic@clinic.test", false);
        clinic = new PaperClinic(TestConfig.defaults().withReminders(ServerConfig.Reminders.DEFAULT.withSmtp(smtp)));
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    @Test
    void twentyConcurrentAttemptsWithOneRequestIdSendTheArchivedPdfOnce() throws Exception {
        UUID patient = clinic.patient("Zoë", "Ångström-Müller");
        UUID rx = clinic.signed(patient, List.of(Rx.amoxicillin()));
        var okafor = clinic.papers("okafor");
        var request = EmailPrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPrescriptionId(rx.toString()).build();

        List<Status.Code> attempts = ChartListsClinic.concurrently(20, () -> okafor.emailPrescription(request));
        var first = okafor.emailPrescription(request);

        assertThat(first.getOutcome()).isEqualTo("sent");
        assertThat(first.getRecipient()).isEqualTo(clinic.patientEmail(patient).orElseThrow());
        assertThat(attempts).containsOnly(Status.Code.OK);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        Thread.sleep(300);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo(first.getRecipient());
        assertThat(m.getSubject()).isEqualTo("Your prescription from Riverside Family Clinic");
        Multipart parts = (Multipart) m.getContent();
        String body = (String) parts.getBodyPart(0).getContent();
        assertThat(body).contains("Zoë Ångström-Müller", "Dr Amara Okafor").doesNotContain("amoxicillin");
        Part attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("prescription-" + rx.toString().substring(0, 8) + ".pdf");
        byte[] pdf = attachment.getInputStream().readAllBytes();
        byte[] archived = clinic.dsl.select(PRESCRIPTION_DOCUMENT.PDF).from(PRESCRIPTION_DOCUMENT).fetchSingle(PRESCRIPTION_DOCUMENT.PDF);
        assertThat(pdf).isEqualTo(archived);
        assertThat(clinic.dsl.selectFrom(PRESCRIPTION_EMAIL).fetchSingle().getState()).isEqualTo("SENT");
    }
}
