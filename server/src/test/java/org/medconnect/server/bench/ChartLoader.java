package org.medconnect.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills the chart tables for the chart benchmark with COPY (the benchmark measures the API,
 * not the loading): signed encounters with SOAP notes of a realistic length spread over every
 * patient, and one heavy patient with a long history (issue 12's figures: 1,000 encounters,
 * 3,000 vital-sign sets, 200 documents, 40 problems). Public for the workstation's chart-open
 * benchmark, which loads only the heavy patient ({@link #loadHeavyPatient}).
 */
public final class ChartLoader {

    /** What was loaded for the heavy patient and in all. */
    record Loaded(long encounters, long noteBytes, double seconds) {}

    private static final String[] SUBJECTIVE = {
        "Feels well. Taking medication daily, no missed doses. No headaches, chest pain or breathlessness. Home readings mostly 130s over 80s. Walking most days; trying to cut down on salt.",
        "Three days of sore throat, blocked nose and dry cough. Mild fever at home, now settled. Eating and drinking. No breathlessness, no ear pain. Household contacts with colds.",
        "Lower back pain for ten days after lifting boxes at work. Worse bending, eases lying down. No leg weakness, numbness, bladder or bowel change. Paracetamol helps a little.",
        "Attends for diabetes review. Occasional thirst in the evenings. No hypoglycaemic episodes. Diet improving, fewer sugary drinks. Feet: no numbness or sores noticed."};
    private static final String[] OBJECTIVE = {
        "Alert and comfortable. Heart sounds normal, no murmur. Chest clear. No ankle oedema. Repeat seated blood pressure after five minutes slightly lower than the first reading.",
        "Temperature normal. Throat mildly red, no exudate, tonsils not enlarged. No tender neck glands. Chest clear, no wheeze. Ears normal.",
        "Walks normally. Tender over lower lumbar muscles. Straight leg raise negative both sides. Reflexes and power normal in both legs.",
        "Weight stable. Foot check: pulses present, monofilament sensation intact, skin intact. Last HbA1c 7.4%."};
    private static final String[] ASSESSMENT = {
        "Essential hypertension, reasonably controlled on current treatment.",
        "Acute upper respiratory infection, viral.",
        "Acute mechanical low back pain, no red flags.",
        "Type 2 diabetes mellitus without complications; glycaemic control near target."};
    private static final String[] PLAN = {
        "Continue current treatment. Renal function and potassium with next bloods. Keep a home blood pressure diary for two weeks. Review in three months or sooner if readings above 160/100.",
        "Fluids, rest, paracetamol or ibuprofen as needed. No antibiotics needed. Return if fever over three days, breathlessness, or not improving in ten days.",
        "Stay active, avoid bed rest. Ibuprofen with food for up to a week. Physiotherapy exercises leaflet. Review if not better in four weeks or if any new symptoms.",
        "Continue metformin with meals. HbA1c, lipids and urine albumin/creatinine ratio before next visit. Retinal screening booked."};
    private static final String[] CODES = {"I10", "E11.9", "J45.909", "E78.5", "F41.1", "K21.9", "E03.9", "M54.50", "J06.9", "N39.0"};

    private final DataSource dataSource;

    ChartLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * {@code encounters} spread over {@code patients} with random doctors, then the heavy
     * patient's history with {@code heavyDoctor} on top.
     */
    Loaded load(List<UUID> patients, List<UUID> doctors, int encounters, UUID heavyPatient, UUID heavyDoctor) throws Exception {
        long t0 = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int halves = 2;
        long[] bytes = new long[halves];
        ExecutorService pool = Executors.newFixedThreadPool(halves);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int h = 0; h < halves; h++) {
                int half = h;
                parts.add(pool.submit(() -> {
                    bytes[half] = copyEncounters(encounters / halves, patients, doctors, now, new SplittableRandom(31 + half));
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        heavy(heavyPatient, heavyDoctor, now);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze encounter, encounter_note, vital_signs, problem, chart_document, medication, allergy");
        }
        return new Loaded(encounters + 1_000L, bytes[0] + bytes[1], (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Only the heavy patient's history with {@code doctor} (1,000 signed encounters with notes, 3,000
     * vital-sign sets, 200 document rows, 40 problems, six medicines, an allergy), then ANALYZE: for
     * the workstation's chart-open benchmark, which times the window, not the database.
     */
    public static void loadHeavyPatient(DataSource dataSource, UUID patient, UUID doctor) throws SQLException, IOException {
        new ChartLoader(dataSource).heavy(patient, doctor, OffsetDateTime.now(ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze encounter, encounter_note, vital_signs, problem, chart_document, medication, allergy");
        }
    }

    private long copyEncounters(int count, List<UUID> patients, List<UUID> doctors, OffsetDateTime now, SplittableRandom r)
            throws SQLException, IOException {
        long noteBytes = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CopyIn enc = null;
            StringBuilder e = new StringBuilder(1 << 20);
            StringBuilder n = new StringBuilder(1 << 22);
            List<String[]> noteRows = new ArrayList<>();
            // Encounters first (notes reference them), in one COPY; the notes in a second.
            enc = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy encounter (id, patient_id, doctor_id, kind, reason, status, "
                    + "started_at, signed_at, signed_by, updated_by, updated_at) from stdin");
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                UUID patient = patients.get(r.nextInt(patients.size()));
                UUID doctor = doctors.get(r.nextInt(doctors.size()));
                OffsetDateTime at = now.minusMinutes(60 + r.nextLong(10L * 365 * 24 * 60));
                int k = r.nextInt(SUBJECTIVE.length);
                e.append(id).append('\t').append(patient).append('\t').append(doctor).append("\tWALK_IN\t")
                        .append(ASSESSMENT[k].substring(0, 20)).append("\tSIGNED\t")
                        .append(at).append('\t').append(at.plusMinutes(15)).append('\t').append(doctor).append('\t')
                        .append(doctor).append('\t').append(at.plusMinutes(15)).append('\n');
                noteRows.add(new String[] {id.toString(), patient.toString(), Integer.toString(k), doctor.toString(), at.plusMinutes(14).toString()});
                if (e.length() > (1 << 20) - 2_000) {
                    write(enc, e);
                }
            }
            write(enc, e);
            enc.endCopy();
            CopyIn notes = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy encounter_note (encounter_id, patient_id, "
                    + "subjective, objective, assessment, plan, updated_by, updated_at) from stdin");
            for (String[] row : noteRows) {
                int k = Integer.parseInt(row[2]);
                int before = n.length();
                n.append(row[0]).append('\t').append(row[1]).append('\t')
                        .append(SUBJECTIVE[k]).append(' ').append(SUBJECTIVE[(k + 1) % SUBJECTIVE.length]).append('\t')
                        .append(OBJECTIVE[k]).append('\t').append(ASSESSMENT[k]).append('\t')
                        .append(PLAN[k]).append(' ').append(PLAN[(k + 2) % PLAN.length]).append('\t')
                        .append(row[3]).append('\t').append(row[4]).append('\n');
                noteBytes += n.length() - before;
                if (n.length() > (1 << 22) - 4_000) {
                    write(notes, n);
                }
            }
            write(notes, n);
            notes.endCopy();
            c.commit();
        }
        return noteBytes;
    }

    /** The heavy patient: 1,000 encounters with notes, 3,000 vital-sign sets, 200 documents, 40 problems, a few meds and allergies. */
    private void heavy(UUID patient, UUID doctor, OffsetDateTime now) throws SQLException, IOException {
        SplittableRandom r = new SplittableRandom(99);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder e = new StringBuilder();
            StringBuilder n = new StringBuilder();
            for (int i = 0; i < 1_000; i++) {
                UUID id = UUID.randomUUID();
                OffsetDateTime at = now.minusHours(3).minusHours(i * 87L);
                int k = i % SUBJECTIVE.length;
                e.append(id).append('\t').append(patient).append('\t').append(doctor).append("\tWALK_IN\t")
                        .append(ASSESSMENT[k].substring(0, 20)).append("\tSIGNED\t").append(at).append('\t').append(at.plusMinutes(15))
                        .append('\t').append(doctor).append('\t').append(doctor).append('\t').append(at.plusMinutes(15)).append('\n');
                n.append(id).append('\t').append(patient).append('\t').append(SUBJECTIVE[k]).append('\t').append(OBJECTIVE[k])
                        .append('\t').append(ASSESSMENT[k]).append('\t').append(PLAN[k]).append('\t').append(doctor).append('\t')
                        .append(at.plusMinutes(14)).append('\n');
            }
            copy(copy.copyIn("copy encounter (id, patient_id, doctor_id, kind, reason, status, started_at, signed_at, signed_by, "
                    + "updated_by, updated_at) from stdin"), e);
            copy(copy.copyIn("copy encounter_note (encounter_id, patient_id, subjective, objective, assessment, plan, updated_by, "
                    + "updated_at) from stdin"), n);
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < 3_000; i++) {
                OffsetDateTime at = now.minusHours(2).minusHours(i * 29L);
                v.append(UUID.randomUUID()).append('\t').append(patient).append('\t').append(at).append('\t')
                        .append(115 + r.nextInt(40)).append('\t').append(70 + r.nextInt(20)).append('\t').append(55 + r.nextInt(40))
                        .append('\t').append(36.2 + r.nextInt(15) / 10.0).append('\t').append(12 + r.nextInt(8)).append('\t')
                        .append(94 + r.nextInt(6)).append('\t').append(70 + r.nextInt(200) / 10.0).append('\t').append("171.0\t")
                        .append(doctor).append('\t').append(at).append('\t').append(doctor).append('\t').append(at).append('\n');
            }
            copy(copy.copyIn("copy vital_signs (id, patient_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, "
                    + "temperature_c, respiratory_per_min, spo2_pct, weight_kg, height_cm, recorded_by, recorded_at, updated_by, "
                    + "updated_at) from stdin"), v);
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                UUID id = UUID.randomUUID();
                OffsetDateTime at = now.minusDays(i * 18L);
                d.append(id).append('\t').append(patient).append("\tLAB_REPORT\tBlood count ").append(i).append("\tapplication/pdf\t")
                        .append(40_000 + i).append("\t\\\\x").append("ab".repeat(32)).append('\t').append(id).append(".bin\t\\\\x")
                        .append("cd".repeat(40)).append('\t').append(doctor).append('\t').append(at).append('\t').append(doctor)
                        .append('\t').append(at).append('\n');
            }
            copy(copy.copyIn("copy chart_document (id, patient_id, category, title, content_type, size_bytes, sha256, storage_name, "
                    + "wrapped_key, uploaded_by, uploaded_at, updated_by, updated_at) from stdin"), d);
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                OffsetDateTime at = now.minusDays(30L + i * 80L);
                String status = i < 12 ? "ACTIVE" : "RESOLVED";
                p.append(UUID.randomUUID()).append('\t').append(patient).append('\t').append(i < CODES.length ? CODES[i] : "\\N")
                        .append('\t').append("Problem number ").append(i + 1).append('\t').append(status).append('\t')
                        .append(at.toLocalDate()).append('\t').append(status.equals("RESOLVED") ? at.toLocalDate().plusDays(20).toString() : "\\N")
                        .append('\t').append(doctor).append('\t').append(at).append('\t').append(doctor).append('\t').append(at).append('\n');
            }
            copy(copy.copyIn("copy problem (id, patient_id, icd10_code, title, status, onset_date, resolved_date, created_by, "
                    + "created_at, updated_by, updated_at) from stdin"), p);
            StringBuilder m = new StringBuilder();
            for (String drug : List.of("lisinopril", "metformin", "atorvastatin", "omeprazole", "levothyroxine", "sertraline")) {
                m.append(UUID.randomUUID()).append('\t').append(patient).append('\t').append(drug).append('\t').append(drug)
                        .append("\t10 mg\t1 tablet once daily\tACTIVE\t").append(now.minusYears(3).toLocalDate()).append('\t')
                        .append(doctor).append('\t').append(doctor).append('\t').append(now.minusYears(3)).append('\t').append(doctor)
                        .append('\t').append(now.minusYears(3)).append('\n');
            }
            copy(copy.copyIn("copy medication (id, patient_id, drug_code, name, strength, dosage, status, started_on, started_by, "
                    + "created_by, created_at, updated_by, updated_at) from stdin"), m);
            StringBuilder a = new StringBuilder();
            a.append(UUID.randomUUID()).append('\t').append(patient).append("\tclass:penicillins\tPenicillins\tDRUG_CLASS\tHives\tSEVERE\t")
                    .append(doctor).append('\t').append(now.minusYears(5)).append('\t').append(doctor).append('\t')
                    .append(now.minusYears(5)).append('\n');
            copy(copy.copyIn("copy allergy (id, patient_id, substance_code, substance, category, reaction, severity, recorded_by, "
                    + "recorded_at, updated_by, updated_at) from stdin"), a);
            c.commit();
        }
    }

    private static void copy(CopyIn in, StringBuilder sb) throws SQLException {
        write(in, sb);
        in.endCopy();
    }

    private static void write(CopyIn in, StringBuilder sb) throws SQLException {
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(b, 0, b.length);
        sb.setLength(0);
    }
}
