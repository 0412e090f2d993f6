package org.medconnect.server.patient;

import static org.medconnect.server.db.Sequences.PATIENT_MRN_SEQ;
import static org.medconnect.server.db.Tables.PATIENT;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.medconnect.server.patient.PatientModel.Page;
import org.medconnect.server.patient.PatientModel.Patient;
import org.medconnect.shared.patient.PatientSearch.ByDateOfBirth;
import org.medconnect.shared.patient.PatientSearch.ByMrn;
import org.medconnect.shared.patient.PatientSearch.ByName;
import org.medconnect.shared.patient.PatientSearch.ByPhone;
import org.medconnect.shared.patient.PatientSearch.Interpretation;
import org.medconnect.shared.patient.Sex;

/**
 * Patient rows. Name search leans on pg_trgm: the GIN index on the generated
 * {@code search_name} answers both {@code ILIKE '%part%'} and the word-similarity operator
 * {@code <%}, so a typo or half a word still finds the patient without reading the table.
 */
final class PatientRepository {

    /**
     * How alike a typed word and a word of the name must be (pg_trgm word similarity).
     * 0.4 lets "Jonh" find John and "Smth" find Smith; the default 0.6 would not.
     */
    static final String NAME_SIMILARITY_THRESHOLD = "0.4";

    private static final int INSERT_CHUNK = 1000;

    private final DSLContext dsl;

    PatientRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The stored form of a patient's details: trimmed, blanks as null. */
    record Row(UUID requestId, String mrn, String givenName, String familyName, LocalDate dateOfBirth, Sex sex,
               String phone, String email, String address, UUID createdBy, OffsetDateTime now) {}

    long nextMrnNumber() {
        return dsl.nextval(PATIENT_MRN_SEQ);
    }

    List<Long> nextMrnNumbers(int count) {
        return dsl.select(PATIENT_MRN_SEQ.nextval()).from(DSL.generateSeries(1, count)).fetch(0, Long.class);
    }

    Patient insert(Row row) {
        return dsl.insertInto(PATIENT)
                .set(PATIENT.REQUEST_ID, row.requestId())
                .set(PATIENT.MRN, row.mrn())
                .set(PATIENT.GIVEN_NAME, row.givenName())
                .set(PATIENT.FAMILY_NAME, row.familyName())
                .set(PATIENT.DATE_OF_BIRTH, row.dateOfBirth())
                .set(PATIENT.SEX, row.sex().name())
                .set(PATIENT.PHONE, row.phone())
                .set(PATIENT.EMAIL, row.email())
                .set(PATIENT.ADDRESS, row.address())
                .set(PATIENT.CREATED_BY, row.createdBy())
                .set(PATIENT.CREATED_AT, row.now())
                .set(PATIENT.UPDATED_AT, row.now())
                .returning()
                .fetchSingle(PatientRepository::toPatient);
    }

    /** Many rows in few statements, for demo and load data. */
    void insertAll(List<Row> rows) {
        List<Field<?>> columns = List.of(PATIENT.REQUEST_ID, PATIENT.MRN, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME,
                PATIENT.DATE_OF_BIRTH, PATIENT.SEX, PATIENT.PHONE, PATIENT.EMAIL, PATIENT.ADDRESS, PATIENT.CREATED_BY,
                PATIENT.CREATED_AT, PATIENT.UPDATED_AT);
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            var insert = dsl.insertInto(PATIENT, columns);
            for (Row r : rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK))) {
                insert = insert.values(r.requestId(), r.mrn(), r.givenName(), r.familyName(), r.dateOfBirth(), r.sex().name(),
                        r.phone(), r.email(), r.address(), r.createdBy(), r.now(), r.now());
            }
            insert.execute();
        }
    }

    void update(UUID id, Row row) {
        dsl.update(PATIENT)
                .set(PATIENT.GIVEN_NAME, row.givenName())
                .set(PATIENT.FAMILY_NAME, row.familyName())
                .set(PATIENT.DATE_OF_BIRTH, row.dateOfBirth())
                .set(PATIENT.SEX, row.sex().name())
                .set(PATIENT.PHONE, row.phone())
                .set(PATIENT.EMAIL, row.email())
                .set(PATIENT.ADDRESS, row.address())
                .set(PATIENT.UPDATED_AT, row.now())
                .where(PATIENT.ID.eq(id))
                .execute();
    }

    Optional<Patient> find(UUID id) {
        return dsl.selectFrom(PATIENT).where(PATIENT.ID.eq(id)).fetchOptional(PatientRepository::toPatient);
    }

    /** Locks the row so two corrections of one patient apply one after the other. */
    Optional<Patient> findForUpdate(UUID id) {
        return dsl.selectFrom(PATIENT).where(PATIENT.ID.eq(id)).forUpdate().fetchOptional(PatientRepository::toPatient);
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(PATIENT.ID).from(PATIENT).where(PATIENT.REQUEST_ID.eq(requestId)).fetchOptional(PATIENT.ID);
    }

    /** A patient that looks like the one described, and which parts match. */
    record Resemblance(Patient patient, boolean sameNameAndDateOfBirth, boolean samePhone) {}

    /**
     * Patients with the same name (ignoring case and spaces) and date of birth, or the same
     * phone digits. The date narrows the name comparison to a few rows through its index.
     */
    List<Resemblance> findResembling(String givenName, String familyName, LocalDate dateOfBirth, String phoneDigits, int limit) {
        Field<String> storedKey = DSL.field("regexp_replace({0}, '[[:space:]]', '', 'g')", SQLDataType.CLOB, PATIENT.SEARCH_NAME);
        Field<String> typedKey = DSL.field("regexp_replace(lower({0}), '[[:space:]]', '', 'g')", SQLDataType.CLOB,
                DSL.val(givenName + " " + familyName));
        Condition sameName = PATIENT.DATE_OF_BIRTH.eq(dateOfBirth).and(storedKey.eq(typedKey));
        Condition samePhone = phoneDigits.isEmpty() ? DSL.falseCondition() : PATIENT.PHONE_DIGITS.eq(phoneDigits);
        Field<Boolean> nameMatch = DSL.field(sameName).as("same_name_and_dob");
        Field<Boolean> phoneMatch = DSL.field(samePhone).as("same_phone");
        return dsl.select(PATIENT.asterisk(), nameMatch, phoneMatch)
                .from(PATIENT)
                .where(sameName.or(samePhone))
                .orderBy(PATIENT.CREATED_AT, PATIENT.ID)
                .limit(limit)
                .fetch(r -> new Resemblance(toPatient(r), Boolean.TRUE.equals(r.get(nameMatch)), Boolean.TRUE.equals(r.get(phoneMatch))));
    }

    /**
     * Sets up the current transaction for a name search: pg_trgm's word-similarity bar at
     * {@link #NAME_SIMILARITY_THRESHOLD}, and sequential scans priced out. The planner
     * thinks {@code <%} is as cheap as {@code =} and reads the whole table, which on 100k
     * patients took over a second where the trigram index answers in tens of milliseconds.
     */
    void prepareNameSearch() {
        dsl.select(
                DSL.function("set_config", SQLDataType.CLOB, DSL.inline("pg_trgm.word_similarity_threshold"),
                        DSL.inline(NAME_SIMILARITY_THRESHOLD), DSL.inline(true)),
                DSL.function("set_config", SQLDataType.CLOB, DSL.inline("enable_seqscan"), DSL.inline("off"), DSL.inline(true)))
                .fetch();
    }

    Page<Patient> search(Interpretation how, int limit, int offset) {
        Field<Integer> total = DSL.count().over().as("total");
        var rows = searchQuery(how, limit, offset, total).fetch();
        int count = rows.isEmpty() ? (offset == 0 ? 0 : dsl.fetchCount(PATIENT, condition(how))) : rows.getFirst().get(total);
        return new Page<>(rows.map(PatientRepository::toPatient), count, offset);
    }

    /** The search statement itself; tests EXPLAIN it to see the trigram index at work. */
    ResultQuery<Record> searchQuery(Interpretation how, int limit, int offset, Field<Integer> total) {
        return dsl.select(PATIENT.asterisk(), total)
                .from(PATIENT)
                .where(condition(how))
                .orderBy(order(how))
                .limit(limit)
                .offset(offset);
    }

    private static Condition condition(Interpretation how) {
        return switch (how) {
            case ByMrn m -> PATIENT.MRN.eq(m.mrn());
            case ByDateOfBirth d -> PATIENT.DATE_OF_BIRTH.eq(d.date());
            // Digits only, so nothing in the pattern needs escaping.
            case ByPhone p -> PATIENT.PHONE_DIGITS.like("%" + p.digits() + "%");
            // Every word must match: "jon smi" finds John Smith, not every John.
            case ByName n -> DSL.and(n.words().stream().map(PatientRepository::nameWordMatches).toList());
        };
    }

    /** A part of the name ("smi" in "smith") or a word like it ("smth" for "smith"). */
    private static Condition nameWordMatches(String word) {
        // The operator form, not word_similarity(...) >= x, is what the GIN index can answer.
        Condition similarWord = DSL.condition("{0} <% {1}", DSL.val(word), PATIENT.SEARCH_NAME);
        if (word.length() < 3) {
            // Too short for a trigram, "%jo%" would make the index return every row; the
            // similarity operator still finds names with a word starting "jo".
            return similarWord;
        }
        String escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return PATIENT.SEARCH_NAME.likeIgnoreCase("%" + escaped + "%", '\\').or(similarWord);
    }

    private static List<OrderField<?>> order(Interpretation how) {
        List<OrderField<?>> order = new ArrayList<>();
        switch (how) {
            case ByName n -> {
                Field<Float> likeness = DSL.inline(0f);
                for (String word : n.words()) {
                    likeness = likeness.plus(DSL.function("word_similarity", SQLDataType.REAL, DSL.val(word), PATIENT.SEARCH_NAME));
                }
                order.add(likeness.desc());
            }
            case ByPhone p -> order.add(DSL.field(PATIENT.PHONE_DIGITS.eq(p.digits())).desc());
            case ByMrn m -> { }
            case ByDateOfBirth d -> { }
        }
        order.add(DSL.lower(PATIENT.FAMILY_NAME));
        order.add(DSL.lower(PATIENT.GIVEN_NAME));
        order.add(PATIENT.ID);
        return order;
    }

    static Patient toPatient(Record r) {
        return new Patient(r.get(PATIENT.ID), r.get(PATIENT.MRN), r.get(PATIENT.GIVEN_NAME), r.get(PATIENT.FAMILY_NAME),
                r.get(PATIENT.DATE_OF_BIRTH), Sex.valueOf(r.get(PATIENT.SEX)), Optional.ofNullable(r.get(PATIENT.PHONE)),
                Optional.ofNullable(r.get(PATIENT.EMAIL)), Optional.ofNullable(r.get(PATIENT.ADDRESS)),
                r.get(PATIENT.CREATED_AT), r.get(PATIENT.UPDATED_AT));
    }
}
