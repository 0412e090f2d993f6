package org.medconnect.server.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.medconnect.server.db.Tables.PATIENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.audit.AuditRepository;
import org.medconnect.server.bootstrap.DemoPatients;
import org.medconnect.server.patient.PatientModel.LikelyDuplicate;
import org.medconnect.server.patient.PatientModel.NewPatient;
import org.medconnect.server.patient.PatientModel.Page;
import org.medconnect.server.patient.PatientModel.Patient;
import org.medconnect.server.patient.PatientModel.PatientChanges;
import org.medconnect.server.patient.PatientModel.SearchQuery;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.patient.Mrn;
import org.medconnect.shared.patient.PatientDetails;
import org.medconnect.shared.patient.PatientSearch;
import org.medconnect.shared.patient.Sex;
import org.medconnect.shared.validation.FieldError;

class PatientServiceTest {

    private static final String PASSWORD = "reception-pass-1";

    private Database db;
    private PatientService patients;
    private Principal receptionist;

    @BeforeEach
    void freshClinic() {
        db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
        services.staff().createUser(null, new NewUser(Optional.empty(), "maria", "Maria Lopez", "maria@clinic.test", "",
                Optional.of(Role.RECEPTIONIST), Optional.empty(), PASSWORD), false);
        var auth = services.auth();
        receptionist = auth.authenticate(auth.signIn("maria", PASSWORD, null, "a").token());
        patients = services.patients();
    }

    private static PatientDetails details(String given, String family, String dateOfBirth, String phone) {
        return new PatientDetails(given, family, dateOfBirth, Optional.of(Sex.UNKNOWN), phone, "", "");
    }

    private Patient register(PatientDetails details) {
        return patients.register(receptionist, new NewPatient(Optional.empty(), details, false));
    }

    private Patient registerAnyway(PatientDetails details) {
        return patients.register(receptionist, new NewPatient(Optional.empty(), details, true));
    }

    private Page<Patient> search(String text) {
        return patients.search(new SearchQuery(text, 50, 0));
    }

    private List<String> names(Page<Patient> page) {
        return page.items().stream().map(Patient::displayName).toList();
    }

    private int rows() {
        return db.dsl().fetchCount(PATIENT);
    }

    private static List<String> fields(DomainException.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Nested
    class Registering {
        @Test
        void aNewPatientGetsTheNextMrnWithAValidCheckDigit() {
            Patient first = register(new PatientDetails("  John ", " Smith", "1984-03-07", Optional.of(Sex.MALE),
                    "+44 20 7946 0958", "john@example.org", "12 Rosebery Avenue"));
            Patient second = register(details("Jane", "Doe", "1990-01-01", ""));

            assertThat(first.mrn()).matches("MC[0-9]{7,}");
            assertThat(Mrn.isValid(first.mrn())).isTrue();
            assertThat(Mrn.isValid(second.mrn())).isTrue();
            assertThat(second.mrn()).isNotEqualTo(first.mrn());
            assertThat(first.displayName()).isEqualTo("John Smith");
            assertThat(first.phone()).contains("+44 20 7946 0958");
            assertThat(second.phone()).isEmpty();
            assertThat(second.email()).isEmpty();
            assertThat(patients.get(first.id())).isEqualTo(first);
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstPatientAndMakesOneRow() {
            var request = new NewPatient(Optional.of(UUID.randomUUID()), details("John", "Smith", "1984-03-07", ""), false);
            Patient first = patients.register(receptionist, request);
            // Without the request id this retry would even be refused as a likely duplicate of itself.
            Patient retry = patients.register(receptionist, request);
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(retry.mrn()).isEqualTo(first.mrn());
            assertThat(rows()).isEqualTo(1);
        }

        @Test
        void simultaneousRetriesWithOneRequestIdStillMakeOnePatient() throws Exception {
            // Not "despite duplicates": a retry must never be refused as a duplicate of its own first attempt.
            var request = new NewPatient(Optional.of(UUID.randomUUID()), details("Ada", "Lovelace", "1915-12-10", ""), false);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<UUID>> attempts = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    attempts.add(() -> patients.register(receptionist, request).id());
                }
                Set<UUID> ids = new java.util.HashSet<>();
                for (Future<UUID> f : pool.invokeAll(attempts)) {
                    ids.add(f.get());
                }
                assertThat(ids).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(rows()).isEqualTo(1);
        }

        @Test
        void everyBadFieldIsNamedAtOnceAndNothingIsStored() {
            var bad = new PatientDetails("", "x".repeat(81), "2026-11-24", Optional.empty(), "call me", "john", "a".repeat(301));
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> register(bad));
            assertThat(fields(e)).containsExactlyInAnyOrder("given_name", "family_name", "date_of_birth", "sex", "phone", "email", "address");
            assertThat(rows()).isZero();
        }

        @Test
        void aBabyBornTodayCanBeRegisteredButNotOneBornTomorrow() {
            assertThat(register(details("Baby", "Today", "2026-11-23", "")).dateOfBirth()).hasToString("2026-11-23");
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> register(details("Baby", "Tomorrow", "2026-11-24", "")));
            assertThat(fields(e)).containsExactly("date_of_birth");
        }

        @Test
        void theAuditTrailNamesTheMrnButNotThePersonalDetails() {
            Patient p = register(new PatientDetails("John", "Smith", "1984-03-07", Optional.of(Sex.MALE), "+44 20 7946 0958",
                    "john@example.org", "12 Rosebery Avenue"));
            AuditRepository.Entry entry = new AuditRepository(db.dsl()).latest(1).getFirst();
            assertThat(entry.action()).isEqualTo("PATIENT_REGISTERED");
            assertThat(entry.actorUserId()).isEqualTo(receptionist.userId());
            assertThat(entry.targetId()).isEqualTo(p.id().toString());
            assertThat(entry.detail()).contains(p.mrn()).doesNotContain("Smith", "7946", "Rosebery", "1984");
        }
    }

    @Nested
    class LikelyDuplicates {
        @Test
        void theSameNameAndBirthDateIsRefusedUntilTheUserSaysItIsSomeoneElse() {
            Patient john = register(details("John", "Smith", "1984-03-07", ""));

            var refused = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> register(details("  JOHN ", "smith", "1984-03-07", "")));
            assertThat(refused.reason()).isEqualTo("LIKELY_DUPLICATE");
            assertThat(refused.getMessage()).contains("same name and date of birth", "John Smith", john.mrn());
            assertThat(rows()).isEqualTo(1);

            Patient twin = registerAnyway(details("John", "Smith", "1984-03-07", ""));
            assertThat(twin.id()).isNotEqualTo(john.id());
            assertThat(rows()).isEqualTo(2);
            assertThat(new AuditRepository(db.dsl()).latest(1).getFirst().detail()).contains("despite 1 likely duplicate");
        }

        @Test
        void spacesInsideTheNameDoNotHideADuplicate() {
            register(details("Mary Ann", "Smith", "1970-05-05", ""));
            var refused = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> register(details("Maryann", "Smith", "1970-05-05", "")));
            assertThat(refused.reason()).isEqualTo("LIKELY_DUPLICATE");
        }

        @Test
        void theSamePhoneNumberWrittenDifferentlyIsALikelyDuplicate() {
            register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            var refused = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> register(details("Janet", "Smythe", "1990-02-02", "+44 (20) 7946-0958")));
            assertThat(refused.getMessage()).contains("same phone number", "John Smith");
        }

        @Test
        void aDifferentBirthDateAndPhoneIsNotADuplicate() {
            register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            assertThat(register(details("John", "Smith", "1984-03-08", "+44 20 7946 0959")).displayName()).isEqualTo("John Smith");
        }

        @Test
        void findLikelyDuplicatesSaysWhyEachLooksAlike() {
            Patient john = register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            Patient jane = register(details("Jane", "Smith", "1986-11-02", "555 0100"));

            List<LikelyDuplicate> both = patients.findLikelyDuplicates(details("john", "SMITH", "1984-03-07", "555-0100"));
            assertThat(both).extracting(d -> d.patient().id(), LikelyDuplicate::why).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(john.id(), "Same name and date of birth"),
                    org.assertj.core.groups.Tuple.tuple(jane.id(), "Same phone number"));
            assertThat(patients.findLikelyDuplicates(details("John", "Smith", "1984-03-07", "+442079460958")))
                    .extracting(LikelyDuplicate::why).containsExactly("Same name, date of birth and phone number");
            assertThat(patients.findLikelyDuplicates(details("Joan", "Smith", "1984-03-07", ""))).isEmpty();
        }
    }

    @Nested
    class Searching {
        private Patient john;
        private Patient jane;

        @BeforeEach
        void somePatients() {
            john = register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            jane = register(details("Jane", "Smith", "1986-11-02", "+1 555 010 0199"));
            register(details("Johanna", "Schmidt", "1975-07-30", ""));
            register(details("Maria", "Garcia", "1984-03-07", "+34 912 345 678"));
            register(details("Mohammed", "Al-Sayed", "2001-09-14", ""));
            // Background: realistic names that must not crowd out the right answer.
            patients.importAll(Optional.empty(), DemoPatients.generate(200, 7));
        }

        @Test
        void aTypoInEveryWordStillFindsThePatientFirst() {
            assertThat(names(search("Jonh Smth")).getFirst()).isEqualTo("John Smith");
            assertThat(names(search("smith jonh")).getFirst()).isEqualTo("John Smith");
        }

        @Test
        void partOfAWordFindsEveryoneWithIt() {
            assertThat(names(search("smi"))).contains("John Smith", "Jane Smith");
        }

        @Test
        void everyWordOfTheQueryCounts() {
            List<String> found = names(search("jon smi"));
            assertThat(found.getFirst()).isEqualTo("John Smith");
            assertThat(found).doesNotContain("Jane Smith", "Johanna Schmidt");
        }

        @Test
        void aFragmentOfThePhoneNumberFindsItWhateverTheFormatting() {
            assertThat(search("7946").items()).extracting(Patient::id).contains(john.id()).doesNotContain(jane.id());
            assertThat(search("20 7946-09").items()).extracting(Patient::id).containsExactly(john.id());
            assertThat(search("(555) 010-01").items()).extracting(Patient::id).containsExactly(jane.id());
        }

        @Test
        void aBirthDateInAnyOfTheThreeFormatsFindsEveryoneBornThatDay() {
            for (String typed : List.of("1984-03-07", "07.03.1984", "07/03/1984")) {
                assertThat(names(search(typed))).as(typed).containsExactly("Maria Garcia", "John Smith");
            }
        }

        @Test
        void anMrnFindsExactlyThatPatientAndAMistypedOneFindsNobody() {
            assertThat(search(john.mrn()).items()).extracting(Patient::id).containsExactly(john.id());
            assertThat(search(john.mrn().toLowerCase()).items()).extracting(Patient::id).containsExactly(john.id());
            String lastDigitWrong = john.mrn().substring(0, john.mrn().length() - 1)
                    + (char) ('0' + (john.mrn().charAt(john.mrn().length() - 1) - '0' + 1) % 10);
            assertThat(search(lastDigitWrong).items()).isEmpty();
        }

        @Test
        void wildcardsTypedIntoTheBoxAreOrdinaryCharacters() {
            assertThat(search("__").items()).isEmpty();
            assertThat(search("%%").items()).isEmpty();
        }

        @Test
        void aQueryShorterThanTwoCharactersIsRefused() {
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> search(" j "));
            assertThat(fields(e)).containsExactly("query");
        }

        @Test
        void resultsComeInPagesWithTheTotal() {
            for (int i = 0; i < 5; i++) {
                registerAnyway(details("Zed" + (char) ('a' + i), "Quixotewright", "1999-01-0" + (i + 1), ""));
            }
            Page<Patient> first = patients.search(new SearchQuery("quixotewright", 2, 0));
            Page<Patient> last = patients.search(new SearchQuery("quixotewright", 2, 4));
            Page<Patient> beyond = patients.search(new SearchQuery("quixotewright", 2, 10));

            assertThat(first.total()).isEqualTo(5);
            assertThat(first.items()).hasSize(2);
            assertThat(first.hasMore()).isTrue();
            assertThat(last.items()).hasSize(1);
            assertThat(last.hasMore()).isFalse();
            assertThat(beyond.items()).isEmpty();
            assertThat(beyond.total()).isEqualTo(5);
            List<UUID> all = new ArrayList<>(first.items().stream().map(Patient::id).toList());
            all.addAll(patients.search(new SearchQuery("quixotewright", 2, 2)).items().stream().map(Patient::id).toList());
            all.addAll(last.items().stream().map(Patient::id).toList());
            assertThat(all).doesNotHaveDuplicates().hasSize(5);
        }
    }

    @Nested
    class Correcting {
        @Test
        void aPhoneChangeIsSavedAndAuditedByFieldNameOnly() {
            Patient p = register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            Patient other = register(details("Jane", "Doe", "1990-01-01", "+1 555 010 0199"));

            // Taking a number someone else has is fine on update (families share phones).
            Patient updated = patients.update(receptionist, new PatientChanges(p.id(), new PatientDetails("John", "Smith",
                    "1984-03-07", Optional.of(Sex.UNKNOWN), "+1 555 010 0199", "", "1 New Street")));

            assertThat(updated.phone()).contains("+1 555 010 0199");
            assertThat(updated.address()).contains("1 New Street");
            assertThat(updated.mrn()).isEqualTo(p.mrn());
            assertThat(search("5550100199").items()).extracting(Patient::id).containsExactlyInAnyOrder(p.id(), other.id());
            AuditRepository.Entry entry = new AuditRepository(db.dsl()).latest(1).getFirst();
            assertThat(entry.action()).isEqualTo("PATIENT_UPDATED");
            assertThat(entry.detail()).contains("phone", "address").doesNotContain("555", "New Street");
        }

        @Test
        void correctionsAreValidatedLikeRegistrations() {
            Patient p = register(details("John", "Smith", "1984-03-07", ""));
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> patients.update(receptionist,
                    new PatientChanges(p.id(), details("John", "", "1879-12-31", "12"))));
            assertThat(fields(e)).containsExactlyInAnyOrder("family_name", "date_of_birth", "phone");
            assertThat(patients.get(p.id())).isEqualTo(p);
        }

        @Test
        void savingUnchangedDetailsWritesNoAuditEntry() {
            Patient p = register(details("John", "Smith", "1984-03-07", ""));
            patients.update(receptionist, new PatientChanges(p.id(), details("John ", "Smith", "1984-03-07", " ")));
            assertThat(new AuditRepository(db.dsl()).latest(1).getFirst().action()).isEqualTo("PATIENT_REGISTERED");
        }

        @Test
        void anUnknownPatientIsNotFound() {
            assertThatExceptionOfType(DomainException.NotFound.class).isThrownBy(() -> patients.update(receptionist,
                    new PatientChanges(UUID.randomUUID(), details("John", "Smith", "1984-03-07", ""))));
            assertThatExceptionOfType(DomainException.NotFound.class).isThrownBy(() -> patients.get(UUID.randomUUID()));
        }
    }

    @Nested
    class AtScale {
        @Test
        void bulkInsertGivesEveryPatientAUniqueValidMrn() {
            assertThat(DemoPatients.insertBulk(db.dsl(), 2500, 42)).isEqualTo(2500);
            List<String> mrns = db.dsl().select(PATIENT.MRN).from(PATIENT).fetch(PATIENT.MRN);
            assertThat(mrns).hasSize(2500).doesNotHaveDuplicates().allMatch(Mrn::isValid);
        }

        @Test
        void theSameSeedGivesTheSamePatients() {
            assertThat(DemoPatients.generate(100, 42)).isEqualTo(DemoPatients.generate(100, 42))
                    .isNotEqualTo(DemoPatients.generate(100, 43));
        }

        @Test
        void nameAndPhoneSearchUseTheTrigramIndexes() {
            DemoPatients.insertBulk(db.dsl(), 4000, 42);
            register(details("John", "Smith", "1984-03-07", "+44 20 7946 0958"));
            db.dsl().execute("analyze patient");

            String namePlan = plan(new PatientSearch.ByName(List.of("Jonh", "Smth")));
            String phonePlan = plan(new PatientSearch.ByPhone("7946"));

            assertThat(namePlan).contains("patient_search_name_trgm");
            assertThat(phonePlan).contains("patient_phone_digits_trgm");
        }

        /** The plan of the search statement, in a transaction prepared as the service prepares it. */
        private String plan(PatientSearch.Interpretation how) {
            return db.dsl().transactionResult(cfg -> {
                var repository = new PatientRepository(cfg.dsl());
                repository.prepareNameSearch();
                return cfg.dsl().explain(repository.searchQuery(how, 50, 0, DSL.count().over().as("total"))).plan();
            });
        }
    }
}
