package org.medconnect.server.prescription.paper;

import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Line;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Paper;

/**
 * The canonical text of a prescription's content (patient, prescriber, lines, validity) whose
 * SHA-256 the QR code signs. One field per line, fixed order, bars and backslashes escaped, so
 * the same prescription always gives the same text and any changed field a different one.
 */
final class PrescriptionContent {

    private PrescriptionContent() {}

    static String canonical(Paper p) {
        StringBuilder b = new StringBuilder("MedConnect prescription content v1\n");
        field(b, "id", p.prescription().id().toString());
        field(b, "patient.given", p.patient().givenName());
        field(b, "patient.family", p.patient().familyName());
        field(b, "patient.birth", DateTimeFormatter.ISO_LOCAL_DATE.format(p.patient().dateOfBirth()));
        field(b, "patient.mrn", p.patient().mrn());
        field(b, "prescriber.id", p.doctor().id().toString());
        field(b, "prescriber.name", p.doctor().name());
        field(b, "prescriber.registration", p.doctor().registrationNumber());
        field(b, "signed", p.prescription().signedAt().map(t -> t.toInstant().toString()).orElse(""));
        field(b, "valid_until", p.prescription().validUntil().map(DateTimeFormatter.ISO_LOCAL_DATE::format).orElse(""));
        for (Line l : p.lines()) {
            field(b, "line", String.join("|", esc(String.valueOf(l.position())), esc(l.drugName()), esc(l.strength()), esc(l.form()),
                    esc(l.route()), esc(l.doseAmount().stripTrailingZeros().toPlainString()), esc(l.doseUnit()), esc(l.frequency()),
                    esc(String.valueOf(l.asNeeded())), esc(String.valueOf(l.durationDays())),
                    esc(l.quantity().stripTrailingZeros().toPlainString()), esc(l.quantityUnit()), esc(String.valueOf(l.refills())),
                    esc(l.instructions()), esc(l.warnings())));
        }
        return b.toString();
    }

    static String sha256Hex(Paper p) {
        return HexFormat.of().formatHex(PrescriptionSigner.sha256(canonical(p).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(name).append('=').append(name.equals("line") ? value : esc(value)).append('\n');
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n");
    }
}
