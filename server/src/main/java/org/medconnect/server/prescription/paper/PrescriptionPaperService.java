package org.medconnect.server.prescription.paper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Archived;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.EmailOutcome;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.IssuedPdf;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Paper;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Prescription;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Status;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Verification;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.VerificationKey;
import org.medconnect.shared.locale.ClinicLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prescription papers (decision 0039): the first print of a signed prescription renders,
 * signs and archives its PDF; every later one answers the archived bytes. Verification of a
 * QR payload against the clinic's published keys and the archive; emailing the archived PDF.
 */
public final class PrescriptionPaperService {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionPaperService.class);
    private static final int MAX_PAYLOAD = 2000;
    private static final int MAX_RECIPIENT = 254;

    /** Sends one email with a PDF attached (the clinic's SMTP server). */
    @FunctionalInterface
    public interface Mailer {
        void send(String to, String subject, String body, String fileName, byte[] pdf) throws MessagingException;
    }

    private final DSLContext dsl;
    private final PrescriptionSigner signer;
    private final PrescriptionPdf pdf;
    private final Optional<Mailer> mailer;
    private final Clock clock;
    private final ZoneId zone;
    private final ClinicLocale locale;

    public PrescriptionPaperService(DSLContext dsl, PrescriptionSigner signer, Optional<Mailer> mailer, Clock clock, ZoneId zone,
                                    ClinicLocale locale) {
        this.dsl = dsl;
        this.signer = signer;
        this.pdf = new PrescriptionPdf(locale, zone);
        this.mailer = mailer;
        this.clock = clock;
        this.zone = zone;
        this.locale = locale;
    }

    // ---------------------------------------------------------------- print

    /** The prescription's PDF, issued and archived on the first call; the archived bytes after. Audited. */
    public IssuedPdf pdf(Principal caller, UUID prescriptionId) {
        Archived a = archivedOrIssue(caller, prescriptionId, "PRINT_PRESCRIPTION");
        return new IssuedPdf(a.pdf(), HexFormat.of().formatHex(a.sha256()), fileName(prescriptionId));
    }

    private Archived archivedOrIssue(Principal caller, UUID prescriptionId, String auditAction) {
        record Found(Optional<Archived> archived, Optional<Paper> paper) {}
        Found found = dsl.transactionResult(cfg -> {
            PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
            Prescription p = printable(cfg.dsl(), repo, caller, prescriptionId);
            Optional<Archived> archived = repo.archived(prescriptionId);
            if (archived.isPresent()) {
                audit(cfg.dsl(), caller, auditAction, prescriptionId, "reprint of the archived document");
                return new Found(archived, Optional.empty());
            }
            return new Found(Optional.empty(), Optional.of(repo.paper(p)));
        });
        if (found.archived().isPresent()) {
            return found.archived().get();
        }
        // Rendered outside any transaction; concurrent first prints all render, the first insert is kept
        // and every caller answers the kept document.
        Paper paper = found.paper().orElseThrow();
        String payload = signer.sign(prescriptionId, PrescriptionContent.sha256Hex(paper));
        byte[] bytes = pdf.render(paper, payload, signer.keyId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Archived issued = new Archived(prescriptionId, bytes, PrescriptionSigner.sha256(bytes), payload, signer.keyId(), now);
        return dsl.transactionResult(cfg -> {
            PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
            repo.publishKey(signer.keyId(), signer.publicKey().getEncoded(), now);
            boolean kept = repo.archive(issued, caller.userId());
            audit(cfg.dsl(), caller, auditAction, prescriptionId, kept ? "issued and archived" : "reprint of the archived document");
            return repo.archived(prescriptionId).orElseThrow();
        });
    }

    /** The caller may print it: the patient's doctor, and the prescription has been signed and not cancelled. */
    private Prescription printable(DSLContext tx, PrescriptionPaperRepository repo, Principal caller, UUID id) {
        Prescription p = repo.prescription(id, today()).orElseThrow(() -> new DomainException.NotFound("No prescription with that id."));
        ChartAccess.in(tx, clock, zone).requireFullChart(caller, p.patientId());
        if (p.status() == Status.DRAFT) {
            throw new DomainException.FailedPrecondition("PRESCRIPTION_NOT_SIGNED", "This prescription is a draft; sign it before printing.");
        }
        if (p.status() == Status.CANCELLED) {
            throw new DomainException.FailedPrecondition("PRESCRIPTION_CANCELLED",
                    "This prescription was cancelled; it can no longer be printed or sent.");
        }
        return p;
    }

    private static String fileName(UUID id) {
        return "prescription-" + id.toString().substring(0, 8) + ".pdf";
    }

    // ---------------------------------------------------------------- verify

    /** Valid only when the signature holds under a key of this clinic and the content matches the archived prescription. */
    public Verification verify(String payload) {
        if (payload.isBlank()) {
            throw DomainException.InvalidInput.of("payload", "Scan or paste the text of the prescription's QR code.");
        }
        if (payload.length() > MAX_PAYLOAD) {
            throw DomainException.InvalidInput.of("payload", "A prescription code is at most " + MAX_PAYLOAD + " characters.");
        }
        Optional<PrescriptionSigner.Payload> parsed = PrescriptionSigner.parse(payload);
        if (parsed.isEmpty()) {
            return invalid("This is not a MedConnect prescription code (or it was cut short).", Optional.empty(), Optional.empty());
        }
        PrescriptionSigner.Payload p = parsed.get();
        return dsl.transactionResult(cfg -> {
            PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
            Optional<byte[]> der = repo.publicKey(p.keyId());
            if (der.isEmpty()) {
                return invalid("The code was not signed with a key of this clinic (key " + p.keyId().substring(0, 16) + "…).",
                        Optional.of(p.prescriptionId()), Optional.empty());
            }
            PublicKey key = PrescriptionSigner.publicKey(der.get());
            if (!PrescriptionSigner.signatureHolds(key, p)) {
                return invalid("The signature does not match: the code was altered or was not made by this clinic.",
                        Optional.of(p.prescriptionId()), Optional.empty());
            }
            Optional<Prescription> rx = repo.prescription(p.prescriptionId(), today());
            Optional<Archived> archived = repo.archived(p.prescriptionId());
            if (rx.isEmpty() || archived.isEmpty()) {
                return invalid("The signature is this clinic's, but no issued prescription with that id is on file.",
                        Optional.of(p.prescriptionId()), Optional.empty());
            }
            Status status = rx.get().status();
            String now = PrescriptionContent.sha256Hex(repo.paper(rx.get()));
            Optional<PrescriptionSigner.Payload> issued = PrescriptionSigner.parse(archived.get().qrPayload());
            if (!now.equals(p.contentSha256()) || issued.map(PrescriptionSigner.Payload::contentSha256).filter(now::equals).isEmpty()) {
                return invalid("The signature is genuine, but the prescription on file no longer matches the signed content.",
                        Optional.of(p.prescriptionId()), Optional.of(status));
            }
            String clinic = repo.paper(rx.get()).clinic().name();
            String when = locale.format(archived.get().issuedAt().atZoneSameInstant(zone).toLocalDate());
            String explanation = "Signed by " + clinic + " on " + when + "; content unchanged." + statusNote(rx.get());
            return new Verification(true, explanation, Optional.of(p.prescriptionId()), Optional.of(status));
        });
    }

    private String statusNote(Prescription p) {
        return switch (p.status()) {
            case SIGNED -> p.validUntil().map(d -> " Valid until " + locale.format(d) + ".").orElse("");
            case PARTLY_DISPENSED -> " Partly dispensed already" + p.validUntil().map(d -> "; valid until " + locale.format(d)).orElse("") + ".";
            case DISPENSED -> " Already fully dispensed: do not dispense again.";
            case EXPIRED -> " Expired on " + p.validUntil().map(locale::format).orElse("") + ": do not dispense.";
            case CANCELLED -> " Cancelled by the prescriber"
                    + p.cancelledAt().map(t -> " on " + locale.format(t.atZoneSameInstant(zone).toLocalDate())).orElse("") + ": do not dispense.";
            case DRAFT -> "";
        };
    }

    private static Verification invalid(String why, Optional<UUID> id, Optional<Status> status) {
        return new Verification(false, why, id, status);
    }

    /** This server's public key, published in the database on first use. */
    public VerificationKey verificationKey() {
        String keyId = signer.keyId();
        dsl.transaction(cfg -> new PrescriptionPaperRepository(cfg.dsl()).publishKey(keyId, signer.publicKey().getEncoded(),
                OffsetDateTime.now(clock)));
        return new VerificationKey(PrescriptionSigner.pem(signer.publicKey()), keyId);
    }

    // ---------------------------------------------------------------- email

    /**
     * Emails the archived PDF to the patient or the address given: sent now when SMTP is
     * configured, else queued in the outbox. A retry with the same request id sends once.
     */
    public EmailOutcome email(Principal caller, UUID requestId, UUID prescriptionId, Optional<String> recipient) {
        recipient.ifPresent(PrescriptionPaperService::checkAddress);
        Optional<PrescriptionPaperRepository.Email> earlierRow = dsl.transactionResult(cfg -> {
            PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
            Prescription p = printable(cfg.dsl(), repo, caller, prescriptionId);
            Optional<PrescriptionPaperRepository.Email> earlier = repo.emailByRequest(requestId);
            if (earlier.isPresent()) {
                if (!earlier.get().prescriptionId().equals(prescriptionId)) {
                    throw DomainException.InvalidInput.of("request_id", "This request id was used for another prescription; make a new one.");
                }
                return earlier;
            }
            String to = recipient.or(() -> repo.paper(p).patient().email()).orElseThrow(() -> new DomainException.FailedPrecondition(
                    "NO_EMAIL_ADDRESS", "The patient has no email address on file; type the address to send it to."));
            checkAddress(to);
            return Optional.<PrescriptionPaperRepository.Email>empty();
        });
        PrescriptionPaperRepository.Email row;
        if (earlierRow.isEmpty()) {
            Archived archived = archivedOrIssue(caller, prescriptionId, "PRINT_PRESCRIPTION_FOR_EMAIL");
            String to = recipient.orElseGet(() -> dsl.transactionResult(cfg -> {
                PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
                return repo.paper(repo.prescription(prescriptionId, today()).orElseThrow()).patient().email().orElseThrow();
            }));
            row = dsl.transactionResult(cfg -> {
                PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
                repo.queueEmail(requestId, prescriptionId, to, caller.userId(), OffsetDateTime.now(clock));
                PrescriptionPaperRepository.Email kept = repo.emailByRequest(requestId).orElseThrow();
                if (!kept.prescriptionId().equals(prescriptionId)) {
                    throw DomainException.InvalidInput.of("request_id", "This request id was used for another prescription; make a new one.");
                }
                audit(cfg.dsl(), caller, "EMAIL_PRESCRIPTION", prescriptionId, mailer.isPresent() ? "sending by email" : "queued in the outbox");
                return kept;
            });
            if (mailer.isPresent()) {
                return send(row.id(), archived);
            }
        } else {
            row = earlierRow.get();
            if (mailer.isPresent() && !row.state().equals("SENT")) {
                return send(row.id(), archivedOrIssue(caller, prescriptionId, "PRINT_PRESCRIPTION_FOR_EMAIL"));
            }
        }
        return new EmailOutcome(row.recipient(), row.state().equals("SENT"));
    }

    /** Sends under the row's lock: a concurrent retry waits, then finds it sent. */
    private EmailOutcome send(UUID emailId, Archived archived) {
        Mailer m = mailer.orElseThrow();
        record Sent(EmailOutcome outcome, Optional<String> failure) {}
        Sent sent = dsl.transactionResult(cfg -> {
            PrescriptionPaperRepository repo = new PrescriptionPaperRepository(cfg.dsl());
            PrescriptionPaperRepository.Email row = repo.lockEmail(emailId).orElseThrow();
            if (row.state().equals("SENT")) {
                return new Sent(new EmailOutcome(row.recipient(), true), Optional.empty());
            }
            Paper paper = repo.paper(repo.prescription(row.prescriptionId(), today()).orElseThrow());
            try {
                m.send(row.recipient(), "Your prescription from " + paper.clinic().name(), body(paper, archived),
                        fileName(row.prescriptionId()), archived.pdf());
                repo.emailSent(emailId, OffsetDateTime.now(clock));
                return new Sent(new EmailOutcome(row.recipient(), true), Optional.empty());
            } catch (MessagingException | RuntimeException e) {
                log.warn("Prescription email {} could not be sent: {}", emailId, e.getClass().getSimpleName());
                repo.emailFailed(emailId, "The mail server refused or could not be reached (" + e.getClass().getSimpleName() + ").");
                return new Sent(null, Optional.of("The clinic's mail server could not send it just now; try again in a minute."));
            }
        });
        if (sent.failure().isPresent()) {
            throw new DomainException.Unavailable("MAIL_UNAVAILABLE", sent.failure().get());
        }
        return sent.outcome();
    }

    /** No clinical text in the body: the drugs are in the attachment only. */
    private String body(Paper p, Archived a) {
        String doctor = p.doctor().name();
        return "Dear " + p.patient().fullName() + ",\n\n"
                + "Your prescription from " + doctor + ", issued on " + locale.format(a.issuedAt().atZoneSameInstant(zone).toLocalDate())
                + ", is attached as a PDF. Show it at the pharmacy, printed or on your phone; the pharmacy can check its QR code.\n\n"
                + p.clinic().name() + (p.clinic().phone().isBlank() ? "" : "\nTel. " + p.clinic().phone()) + "\n";
    }

    private static void checkAddress(String to) {
        if (to.isBlank() || to.length() > MAX_RECIPIENT || to.length() < 3) {
            throw DomainException.InvalidInput.of("recipient", "Give an email address of at most " + MAX_RECIPIENT + " characters.");
        }
        try {
            new InternetAddress(to, true).validate();
            if (!to.contains("@")) {
                throw new AddressException("no @");
            }
        } catch (AddressException e) {
            throw DomainException.InvalidInput.of("recipient", "This is not a valid email address.");
        }
    }

    // ---------------------------------------------------------------- shared

    private void audit(DSLContext tx, Principal caller, String action, UUID prescriptionId, String detail) {
        AuditTrail.in(tx).record(caller.userId(), action, "PRESCRIPTION", prescriptionId, detail, OffsetDateTime.now(clock));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
