package org.medconnect.server.bootstrap;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.datafaker.Faker;
import org.jooq.DSLContext;
import org.medconnect.server.patient.PatientModel.NewPatient;
import org.medconnect.server.patient.PatientService;
import org.medconnect.shared.patient.PatientDetails;
import org.medconnect.shared.patient.Sex;

/**
 * Believable patients for the demo clinic and for load tests: names from several countries,
 * ages from newborn to 95, most with a phone, many with email and address. The same seed
 * gives the same patients, so a demo or a benchmark can be repeated exactly.
 */
public final class DemoPatients {

    /** How many patients the demo clinic gets. */
    static final int DEMO_COUNT = 300;
    static final long DEMO_SEED = 20261123L;

    /** Birth dates count back from a fixed day (not today) so a seed always gives the same dates. */
    private static final LocalDate ANCHOR = LocalDate.of(2025, 12, 31);
    private static final int BULK_CHUNK = 5_000;

    /** A few patients the demo script and README can name; the first gets MRN MC1000017 on a fresh clinic. */
    private static final List<PatientDetails> WELL_KNOWN = List.of(
            new PatientDetails("John", "Smith", "1984-03-07", Optional.of(Sex.MALE), "+44 20 7946 0958",
                    "john.smith@example.org", "12 Rosebery Avenue, London EC1R 4TD"),
            new PatientDetails("Jane", "Smith", "1986-11-02", Optional.of(Sex.FEMALE), "+44 20 7946 0958",
                    "jane.smith@example.org", "12 Rosebery Avenue, London EC1R 4TD"),
            new PatientDetails("Amelia", "Okonkwo", "2019-06-15", Optional.of(Sex.FEMALE), "+1 (555) 010-2233",
                    "", "48 Maple Drive, Springfield, IL 62704"),
            new PatientDetails("Mateo", "Fernández", "1958-01-23", Optional.of(Sex.MALE), "+34 912 345 678",
                    "mateo.fernandez@example.net", "Calle de Alcalá 120, 28009 Madrid"));

    private final PatientService patients;

    DemoPatients(PatientService patients) {
        this.patients = patients;
    }

    /** Registers the demo patients one by one, as a receptionist would; returns their ids in order. */
    List<UUID> seed() {
        List<PatientDetails> all = new ArrayList<>(WELL_KNOWN);
        all.addAll(generate(DEMO_COUNT - WELL_KNOWN.size(), DEMO_SEED));
        List<UUID> ids = new ArrayList<>(all.size());
        for (PatientDetails details : all) {
            // Families share a phone; the demo knows these are different people.
            ids.add(patients.register(Optional.empty(), new NewPatient(Optional.empty(), details, true)).id());
        }
        return ids;
    }

    /**
     * Inserts {@code count} generated patients quickly (batched, no duplicate checks), for
     * benchmarks. The same count and seed give the same patients; their MRNs come from the
     * sequence as usual.
     */
    public static int insertBulk(DSLContext dsl, int count, long seed) {
        PatientService service = new PatientService(dsl, Clock.systemUTC(), ZoneOffset.UTC);
        Generator generator = new Generator(seed, count);
        int done = 0;
        while (done < count) {
            List<PatientDetails> chunk = generator.next(Math.min(BULK_CHUNK, count - done));
            done += service.importAll(Optional.empty(), chunk);
        }
        return done;
    }

    /** The same patients as {@link #insertBulk} would insert, without a database. */
    public static List<PatientDetails> generate(int count, long seed) {
        return new Generator(seed, count).next(count);
    }

    /**
     * Draws patients from one seeded random stream. Names and addresses come from datafaker
     * once into per-country pools (about 0.1 ms each), and patients combine pool entries,
     * so a hundred thousand cost seconds, not minutes.
     */
    private static final class Generator {

        private record Country(Locale locale, int weight, String phoneFormat, String emailDomain) {}

        private static final List<Country> COUNTRIES = List.of(
                new Country(Locale.forLanguageTag("en-US"), 55, "+1 (###) ###-####", "example.com"),
                new Country(Locale.forLanguageTag("en-GB"), 12, "+44 7### ######", "example.co.uk"),
                new Country(Locale.forLanguageTag("es"), 12, "+34 6## ### ###", "example.es"),
                new Country(Locale.forLanguageTag("de"), 9, "+49 15# #######", "example.de"),
                new Country(Locale.forLanguageTag("fr"), 6, "+33 6 ## ## ## ##", "example.fr"),
                new Country(Locale.forLanguageTag("it"), 6, "+39 3## ### ####", "example.it"));
        private static final int TOTAL_WEIGHT = COUNTRIES.stream().mapToInt(Country::weight).sum();

        /** Names and addresses of one country, drawn once. */
        private record Pool(List<String> female, List<String> male, List<String> any, List<String> family, List<String> addresses) {}

        private final Random random;
        private final long[] countrySeeds = new long[COUNTRIES.size()];
        private final Pool[] pools = new Pool[COUNTRIES.size()];
        private final int poolSize;

        Generator(long seed, int expectedCount) {
            this.random = new Random(seed);
            for (int i = 0; i < countrySeeds.length; i++) {
                countrySeeds[i] = random.nextLong();
            }
            // Pools grow with the count: 40 to 500 names (and addresses) per kind and country.
            this.poolSize = Math.clamp(expectedCount / 10, 40, 500);
        }

        List<PatientDetails> next(int count) {
            List<PatientDetails> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(next());
            }
            return out;
        }

        PatientDetails next() {
            int which = pickCountry();
            Country country = COUNTRIES.get(which);
            Pool pool = pool(which);
            double s = random.nextDouble();
            Sex sex = s < 0.5 ? Sex.FEMALE : s < 0.985 ? Sex.MALE : s < 0.995 ? Sex.OTHER : Sex.UNKNOWN;
            String given = pick(switch (sex) {
                case FEMALE -> pool.female();
                case MALE -> pool.male();
                default -> pool.any();
            });
            String family = pick(pool.family());
            // Up to 95 years old, a few more children and older people than the middle ages.
            int ageDays = (int) (Math.pow(random.nextDouble(), 1.1) * 95 * 365.25);
            LocalDate birth = ANCHOR.minusDays(ageDays);
            String phone = random.nextDouble() < 0.92 ? digits(country.phoneFormat()) : "";
            String email = random.nextDouble() < 0.6
                    ? ascii(given) + "." + ascii(family) + (random.nextInt(4) == 0 ? String.valueOf(random.nextInt(100)) : "")
                      + "@" + country.emailDomain()
                    : "";
            String address = random.nextDouble() < 0.8 ? pick(pool.addresses()) : "";
            return new PatientDetails(given, family, birth.toString(), Optional.of(sex), phone, email, address);
        }

        private Pool pool(int country) {
            if (pools[country] == null) {
                Faker f = new Faker(COUNTRIES.get(country).locale(), new Random(countrySeeds[country]));
                List<String> female = new ArrayList<>();
                List<String> male = new ArrayList<>();
                List<String> any = new ArrayList<>();
                List<String> family = new ArrayList<>();
                List<String> addresses = new ArrayList<>();
                for (int i = 0; i < poolSize; i++) {
                    female.add(f.name().femaleFirstName());
                    male.add(f.name().maleFirstName());
                    any.add(f.name().firstName());
                    family.add(f.name().lastName());
                    String address = f.address().fullAddress();
                    addresses.add(address.length() > 300 ? address.substring(0, 300) : address);
                }
                pools[country] = new Pool(female, male, any, family, addresses);
            }
            return pools[country];
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** "+1 (###) ###-####" with each # a random digit. */
        private String digits(String format) {
            StringBuilder sb = new StringBuilder(format.length());
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                sb.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
            }
            return sb.toString();
        }

        private int pickCountry() {
            int n = random.nextInt(TOTAL_WEIGHT);
            for (int i = 0; i < COUNTRIES.size(); i++) {
                n -= COUNTRIES.get(i).weight();
                if (n < 0) {
                    return i;
                }
            }
            return 0;
        }

        /** "Fernández" -> "fernandez", "O'Kon" -> "okon": the part of an email address a name becomes. */
        private static String ascii(String name) {
            String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
            String letters = plain.replaceAll("[^a-z]", "");
            return letters.isEmpty() ? "patient" : letters;
        }
    }
}
