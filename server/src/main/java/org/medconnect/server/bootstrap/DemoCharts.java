package org.medconnect.server.bootstrap;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Believable charts for the demo clinic's patients (issue 12), so a new user opening a chart
 * sees a real one at once: each patient booked with a doctor gets a few signed consultations
 * with SOAP notes, vitals, problems, medications and allergies; three patients on the first
 * doctor's list carry long histories (300 encounters over ten years). Written in bulk with
 * SQL, one version per entry in the chart history, as the chart services would leave them.
 * Codes are from the shipped ICD-10-CM subset and drug catalogue (server/src/main/resources/clinical).
 */
final class DemoCharts {

    /** A kind of visit a family doctor sees again and again, with its note and what it records. */
    private record Visit(String reason, String subjective, String objective, String assessment, String plan,
                         String icd10, String problem, String drug, String strength, String dosage) {}

    private static final List<Visit> VISITS = List.of(
            new Visit("Blood pressure review",
                    "Feels well. Taking medication daily, no missed doses. No headaches, chest pain or breathlessness. "
                            + "Home readings mostly 130s over 80s. Walking 30 minutes most days; trying to cut down on salt.",
                    "Alert and comfortable. Heart sounds normal, no murmur. Chest clear. No ankle oedema. "
                            + "Repeat seated blood pressure after five minutes slightly lower than the first reading.",
                    "Essential hypertension, reasonably controlled on current treatment.",
                    "Continue lisinopril 10 mg once daily. Renal function and potassium with next bloods. "
                            + "Keep a home blood pressure diary for two weeks. Review in three months or sooner if readings above 160/100.",
                    "I10", "Essential (primary) hypertension", "lisinopril", "10 mg", "1 tablet once daily"),
            new Visit("Diabetes check",
                    "Attends for diabetes review. Occasional thirst in the evenings. No hypoglycaemic episodes. "
                            + "Diet improving, less sugary drinks. Feet: no numbness or sores noticed.",
                    "Weight stable. Foot check: pulses present, monofilament sensation intact both feet, skin intact. "
                            + "Injection and fingerstick sites fine. Last HbA1c 7.4%.",
                    "Type 2 diabetes mellitus without complications; glycaemic control near target.",
                    "Continue metformin 500 mg twice daily with meals. HbA1c, lipids and urine albumin/creatinine ratio before next visit. "
                            + "Retinal screening booked. Dietitian referral offered and accepted.",
                    "E11.9", "Type 2 diabetes mellitus without complications", "metformin", "500 mg", "1 tablet twice daily with meals"),
            new Visit("Sore throat and cough",
                    "Three days of sore throat, blocked nose and dry cough. Mild fever at home, now settled. "
                            + "Eating and drinking. No breathlessness, no ear pain. Household contacts with colds.",
                    "Temperature normal. Throat mildly red, no exudate, tonsils not enlarged. No tender neck glands. "
                            + "Chest clear, no wheeze. Ears normal.",
                    "Acute upper respiratory infection, viral.",
                    "Fluids, rest, paracetamol or ibuprofen as needed. No antibiotics needed. "
                            + "Return if fever over three days, breathlessness, or not improving in ten days.",
                    "J06.9", "Acute upper respiratory infection, unspecified", null, null, null),
            new Visit("Asthma review",
                    "Using reliever inhaler two or three times a week, more with cold weather. Woken by cough once a week. "
                            + "No recent courses of steroids. Inhaler technique demonstrated.",
                    "Chest: scattered wheeze on forced expiration, good air entry. Peak flow 420 L/min (best 480). "
                            + "Oxygen saturation normal.",
                    "Asthma, partly controlled.",
                    "Step up: add a regular preventer. Reliever as needed. Written asthma action plan given. "
                            + "Review in six weeks with peak flow diary.",
                    "J45.909", "Unspecified asthma, uncomplicated", "albuterol", "100 mcg/actuation", "2 puffs as needed for wheeze"),
            new Visit("Low back pain",
                    "Lower back pain for ten days after lifting boxes at work. Worse bending, eases lying down. "
                            + "No leg weakness, numbness, bladder or bowel change.",
                    "Walks normally. Tender over lower lumbar muscles. Straight leg raise negative both sides. "
                            + "Reflexes and power normal in both legs.",
                    "Acute mechanical low back pain, no red flags.",
                    "Stay active, avoid bed rest. Ibuprofen 400 mg three times daily with food for up to a week. "
                            + "Physiotherapy exercises leaflet. Review if not better in four weeks or if any new symptoms.",
                    "M54.50", "Low back pain, unspecified", "ibuprofen", "400 mg", "1 tablet three times daily with food for 7 days"),
            new Visit("Anxiety follow-up",
                    "Sleeping better. Worry still present most days but manageable; attending talking therapy weekly. "
                            + "No thoughts of self-harm. Some nausea in the first week of the tablets, now gone.",
                    "Good eye contact, speech normal, mood 'better', reactive affect. GAD-7 score down from 15 to 9.",
                    "Generalized anxiety disorder, improving on treatment.",
                    "Continue sertraline 50 mg daily. Continue therapy. Review in six weeks; sooner if worse.",
                    "F41.1", "Generalized anxiety disorder", "sertraline", "50 mg", "1 tablet once daily"),
            new Visit("Cholesterol results",
                    "Here to discuss blood results. No chest pain. Non-smoker for five years. Father had a heart attack at 58.",
                    "Total cholesterol 6.4 mmol/L, LDL 4.2 mmol/L, HDL 1.1 mmol/L. Ten-year cardiovascular risk 14%.",
                    "Hyperlipidemia; raised cardiovascular risk.",
                    "Lifestyle advice given. Start atorvastatin 20 mg at night. Liver tests and lipids in three months.",
                    "E78.5", "Hyperlipidemia, unspecified", "atorvastatin", "20 mg", "1 tablet at night"),
            new Visit("Tiredness and weight gain",
                    "Tired for months, feels cold, weight up 4 kg, constipation. Periods regular.",
                    "Dry skin, slow relaxing reflexes. TSH raised at 9.8 mU/L, free T4 low.",
                    "Hypothyroidism.",
                    "Start levothyroxine 50 mcg each morning on an empty stomach. Thyroid tests in six weeks.",
                    "E03.9", "Hypothyroidism, unspecified", "levothyroxine", "50 mcg", "1 tablet each morning before breakfast"),
            new Visit("Heartburn",
                    "Burning behind the breastbone after meals and lying down for six weeks. No trouble swallowing, "
                            + "no weight loss, no vomiting blood or black stools.",
                    "Abdomen soft, mild epigastric tenderness, no masses.",
                    "Gastro-esophageal reflux disease without esophagitis.",
                    "Omeprazole 20 mg daily for eight weeks, smaller evening meals, raise head of bed. Review if not settled.",
                    "K21.9", "Gastro-esophageal reflux disease without esophagitis", "omeprazole", "20 mg", "1 capsule once daily before breakfast"),
            new Visit("Burning on passing urine",
                    "Two days of burning and frequency. No fever, no loin pain. Not pregnant.",
                    "Temperature normal. Abdomen soft, mild suprapubic tenderness, no loin tenderness. Urine dipstick: nitrites and leucocytes positive.",
                    "Urinary tract infection, site not specified.",
                    "Nitrofurantoin 100 mg twice daily for three days. Fluids. Return if fever or loin pain.",
                    "N39.0", "Urinary tract infection, site not specified", null, null, null));

    private static final String[] ALLERGY_CODES = {"class:penicillins", "class:sulfonamide-antibiotics", "codeine", "ibuprofen"};
    private static final String[] ALLERGY_NAMES = {"Penicillins", "Sulfonamide antibiotics", "codeine", "ibuprofen"};
    private static final String[] ALLERGY_CATEGORIES = {"DRUG_CLASS", "DRUG_CLASS", "DRUG", "DRUG"};
    private static final String[] REACTIONS = {"Hives and itching", "Rash", "Vomiting", "Wheeze and facial swelling"};
    private static final String[] SEVERITIES = {"MODERATE", "MILD", "MILD", "SEVERE"};

    private final DSLContext dsl;
    private final Clock clock;
    private final Random random = new Random(20261206L);

    DemoCharts(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Charts for every patient who has an appointment, the three first on the first doctor's list with long histories. */
    void seed(UUID firstDoctor) {
        List<UUID> long3 = dsl.resultQuery("""
                select patient_id from appointment where doctor_id = ?
                 group by patient_id order by min(starts_at) limit 3""", firstDoctor).fetch(0, UUID.class);
        List<UUID[]> booked = dsl.resultQuery("""
                select distinct on (patient_id) patient_id, doctor_id from appointment
                 order by patient_id, starts_at""").fetch(r -> new UUID[] {r.get(0, UUID.class), r.get(1, UUID.class)});
        Batches b = new Batches(dsl);
        for (UUID[] pd : booked) {
            boolean isLong = long3.contains(pd[0]);
            chart(b, pd[0], pd[1], isLong ? 300 : 2 + random.nextInt(5), isLong ? 10 : 3);
        }
        b.execute();
    }

    /** One patient's chart: {@code encounters} signed visits spread over the last {@code years} years. */
    private void chart(Batches b, UUID patient, UUID doctor, int encounters, int years) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // A patient has two or three recurring concerns, and now and then something acute.
        List<Visit> concerns = new ArrayList<>();
        concerns.add(VISITS.get(random.nextInt(2) == 0 ? 0 : 1));
        concerns.add(VISITS.get(3 + random.nextInt(VISITS.size() - 3)));
        if (encounters > 20) {
            concerns.add(VISITS.get(6));
            concerns.add(VISITS.get(7));
        }
        long span = years * 365L * 24 * 60;
        List<String> problemsAdded = new ArrayList<>();
        List<String> drugsAdded = new ArrayList<>();
        for (int i = 0; i < encounters; i++) {
            OffsetDateTime at = now.minusMinutes(span - span * i / encounters + random.nextInt(600))
                    .withHour(8 + random.nextInt(9)).withMinute(random.nextInt(4) * 15).withSecond(0).withNano(0);
            if (!at.isBefore(now.minusHours(2))) {
                continue;
            }
            Visit v = random.nextInt(4) == 0 ? VISITS.get(2 + random.nextInt(VISITS.size() - 2)) : concerns.get(random.nextInt(concerns.size()));
            UUID encounter = UUID.randomUUID();
            b.encounter(encounter, patient, doctor, v.reason(), at);
            b.note(encounter, patient, v, doctor, at.plusMinutes(14));
            b.history(patient, "ENCOUNTER", encounter, 1, "SIGNED", doctor, at.plusMinutes(15),
                    JSONB.valueOf("[[\"Kind\",\"Appointment\"],[\"Reason\",\"" + v.reason() + "\"],[\"Status\",\"Signed\"]]"));
            int systolic = 118 + random.nextInt(30) + (v.icd10().equals("I10") ? 12 : 0);
            b.vitals(patient, encounter, at.plusMinutes(5), systolic, 70 + random.nextInt(18), 58 + random.nextInt(40),
                    36.4 + random.nextInt(12) / 10.0 + (v.icd10().startsWith("J") ? 0.8 : 0), 12 + random.nextInt(8),
                    95 + random.nextInt(5), 62 + random.nextInt(30) + i * 0.01, 168.0, doctor);
            if (!problemsAdded.contains(v.icd10())) {
                problemsAdded.add(v.icd10());
                boolean acute = v.icd10().startsWith("J06") || v.icd10().startsWith("N39") || v.icd10().startsWith("M54");
                b.problem(patient, encounter, v.icd10(), v.problem(), acute && i < encounters - 1 ? "RESOLVED" : "ACTIVE",
                        at.toLocalDate(), doctor, at);
            }
            if (v.drug() != null && !drugsAdded.contains(v.drug())) {
                drugsAdded.add(v.drug());
                boolean shortCourse = v.drug().equals("ibuprofen");
                b.medication(patient, v.drug(), v.strength(), v.dosage(), at.toLocalDate(), shortCourse ? at.toLocalDate().plusDays(7) : null,
                        v.reason(), doctor, at);
            }
        }
        if (random.nextInt(3) == 0) {
            b.noKnownAllergies(patient, doctor, now.minusYears(1));
        } else {
            int k = random.nextInt(ALLERGY_CODES.length);
            b.allergy(patient, ALLERGY_CODES[k], ALLERGY_NAMES[k], ALLERGY_CATEGORIES[k], REACTIONS[k], SEVERITIES[k], doctor, now.minusYears(2));
        }
    }

    /** The inserts, batched per table; parents (encounters) run first. */
    private static final class Batches {
        private final DSLContext dsl;
        private final BatchBindStep encounters;
        private final BatchBindStep notes;
        private final BatchBindStep vitals;
        private final BatchBindStep problems;
        private final BatchBindStep medications;
        private final BatchBindStep allergies;
        private final BatchBindStep reviews;
        private final BatchBindStep history;
        private int rows;

        Batches(DSLContext dsl) {
            this.dsl = dsl;
            encounters = dsl.batch(dsl.query("""
                    insert into encounter (id, patient_id, doctor_id, kind, reason, status, started_at, signed_at, signed_by, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?::uuid, 'WALK_IN', ?, 'SIGNED', ?::timestamptz, ?::timestamptz, ?::uuid, ?::uuid, ?::timestamptz)""",
                    null, null, null, null, null, null, null, null, null));
            notes = dsl.batch(dsl.query("""
                    insert into encounter_note (encounter_id, patient_id, subjective, objective, assessment, plan, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::uuid, ?::timestamptz)""", null, null, null, null, null, null, null, null));
            vitals = dsl.batch(dsl.query("""
                    insert into vital_signs (id, patient_id, encounter_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min,
                                             temperature_c, respiratory_per_min, spo2_pct, weight_kg, height_cm,
                                             recorded_by, recorded_at, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?::uuid, ?::timestamptz, ?::int, ?::int, ?::int, ?::numeric, ?::int, ?::int, ?::numeric, ?::numeric,
                            ?::uuid, ?::timestamptz, ?::uuid, ?::timestamptz)""",
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            problems = dsl.batch(dsl.query("""
                    insert into problem (id, patient_id, encounter_id, icd10_code, title, status, onset_date, resolved_date,
                                         created_by, created_at, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?::date, ?::date, ?::uuid, ?::timestamptz, ?::uuid, ?::timestamptz)""", null, null, null, null, null, null, null, null, null, null, null, null));
            medications = dsl.batch(dsl.query("""
                    insert into medication (id, patient_id, drug_code, name, strength, dosage, status, started_on, started_by, start_reason,
                                            stopped_on, stopped_by, stop_reason, created_by, created_at, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?::date, ?::uuid, ?, ?::date, ?::uuid, ?, ?::uuid, ?::timestamptz, ?::uuid, ?::timestamptz)""",
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            allergies = dsl.batch(dsl.query("""
                    insert into allergy (id, patient_id, substance_code, substance, category, reaction, severity,
                                         recorded_by, recorded_at, updated_by, updated_at)
                    values (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?::uuid, ?::timestamptz, ?::uuid, ?::timestamptz)""", null, null, null, null, null, null, null, null, null, null, null));
            reviews = dsl.batch(dsl.query("""
                    insert into allergy_review (patient_id, no_known_allergies, updated_by, updated_at) values (?::uuid, ?::boolean, ?::uuid, ?::timestamptz)""",
                    null, null, null, null));
            history = dsl.batch(dsl.query("""
                    insert into chart_entry_history (patient_id, entry_kind, entry_id, version, change, changed_by, changed_at, fields)
                    values (?::uuid, ?, ?::uuid, ?::int, ?, ?::uuid, ?::timestamptz, ?::jsonb)""", null, null, null, null, null, null, null, null));
        }

        void encounter(UUID id, UUID patient, UUID doctor, String reason, OffsetDateTime at) {
            encounters.bind(id, patient, doctor, reason, at, at.plusMinutes(15), doctor, doctor, at.plusMinutes(15));
        }

        void note(UUID encounter, UUID patient, Visit v, UUID doctor, OffsetDateTime at) {
            notes.bind(encounter, patient, v.subjective(), v.objective(), v.assessment(), v.plan(), doctor, at);
            history(patient, "NOTE", encounter, 1, "SIGNED", doctor, at, JSONB.valueOf("[[\"Assessment\",\""
                    + v.assessment().replace("\"", "'") + "\"]]"));
        }

        void vitals(UUID patient, UUID encounter, OffsetDateTime at, int systolic, int diastolic, int pulse, double temperature,
                    int respiratory, int spo2, double weight, double height, UUID by) {
            UUID id = UUID.randomUUID();
            vitals.bind(id, patient, encounter, at, systolic, diastolic, pulse, Math.round(temperature * 10) / 10.0, respiratory,
                    spo2, Math.round(weight * 10) / 10.0, height, by, at, by, at);
            history(patient, "VITALS", id, 1, "CREATED", by, at, JSONB.valueOf("[[\"Blood pressure\",\"" + systolic + "/" + diastolic
                    + " mm[Hg]\"],[\"Pulse\",\"" + pulse + " /min\"]]"));
        }

        void problem(UUID patient, UUID encounter, String code, String title, String status, LocalDate onset, UUID by, OffsetDateTime at) {
            UUID id = UUID.randomUUID();
            problems.bind(id, patient, encounter, code, title, status, onset, status.equals("RESOLVED") ? onset.plusDays(14) : null,
                    by, at, by, at);
            history(patient, "PROBLEM", id, 1, "CREATED", by, at, JSONB.valueOf("[[\"Problem\",\"" + code + " " + title + "\"]]"));
        }

        void medication(UUID patient, String drug, String strength, String dosage, LocalDate started, LocalDate stopped, String reason,
                        UUID by, OffsetDateTime at) {
            UUID id = UUID.randomUUID();
            medications.bind(id, patient, drug, drug, strength, dosage, stopped == null ? "ACTIVE" : "STOPPED", started, by, reason,
                    stopped, stopped == null ? null : by, stopped == null ? null : "Course completed", by, at, by, at);
            history(patient, "MEDICATION", id, 1, "CREATED", by, at, JSONB.valueOf("[[\"Medication\",\"" + drug + " " + strength + "\"]]"));
        }

        void allergy(UUID patient, String code, String name, String category, String reaction, String severity, UUID by, OffsetDateTime at) {
            UUID id = UUID.randomUUID();
            allergies.bind(id, patient, code, name, category, reaction, severity, by, at, by, at);
            reviews.bind(patient, false, by, at);
            history(patient, "ALLERGY", id, 1, "CREATED", by, at, JSONB.valueOf("[[\"Substance\",\"" + name + "\"],[\"Reaction\",\""
                    + reaction + "\"],[\"Severity\",\"" + severity + "\"]]"));
        }

        void noKnownAllergies(UUID patient, UUID by, OffsetDateTime at) {
            reviews.bind(patient, true, by, at);
            history(patient, "ALLERGY_REVIEW", patient, 1, "CREATED", by, at, JSONB.valueOf("[[\"Allergies\",\"No known allergies\"]]"));
        }

        void history(UUID patient, String kind, UUID id, int version, String change, UUID by, OffsetDateTime at, JSONB fields) {
            history.bind(patient, kind, id, version, change, by, at, fields);
            rows++;
        }

        void execute() {
            if (rows == 0) {
                return;
            }
            for (BatchBindStep step : List.of(encounters, notes, vitals, problems, medications, allergies, reviews, history)) {
                if (step.size() > 0) {
                    step.execute();
                }
            }
        }
    }
}
