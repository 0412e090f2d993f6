package org.medconnect.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's arrows, checked on the compiled classes (STYLE.md "package by feature"). In each
 * feature: gRPC adapter -> service -> repository, never back. A feature reaches another only
 * through that feature's services (and value types), never its repositories, and never in a
 * circle. Nothing in a feature knows the wiring class. Roles are told by name, the project's
 * convention: {@code *GrpcService} is the adapter, {@code *Repository} the SQL, {@code *Protos}
 * the adapters' proto mapping; everything else in a feature package is the service layer
 * (services, models, feeds, workers).
 *
 * <p>Services take the caller as a {@code Principal} argument and never touch gRPC: no
 * {@code io.grpc} (not even {@code Context}: {@code CallContext} is for adapters) and no
 * generated proto classes. Reading the caller from the gRPC context is the adapter's job.
 */
class ServerArchitectureTest {

    static final String SERVER = "org.medconnect.server";
    static final String[] FEATURES = {"..server.auth..", "..server.staff..", "..server.schedule..",
            "..server.appointment..", "..server.patient..", "..server.queue..", "..server.notification..",
            "..server.audit.."};

    static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(SERVER);
    }

    /** The simple name of the top-level class (so nested records and lambdas count as their owner). */
    static String owner(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        String top = nested < 0 ? name : name.substring(0, nested);
        return top.substring(top.lastIndexOf('.') + 1);
    }

    static final DescribedPredicate<JavaClass> IN_A_FEATURE =
            DescribedPredicate.describe("in a feature package", c -> c.getPackage().getName().matches(
                    "org\\.medconnect\\.server\\.(auth|staff|schedule|appointment|patient|queue|notification|audit)(\\..*)?"));
    static final DescribedPredicate<JavaClass> ADAPTER =
            DescribedPredicate.describe("gRPC adapters (*GrpcService)", c -> owner(c).endsWith("GrpcService"));
    static final DescribedPredicate<JavaClass> PROTO_MAPPING =
            DescribedPredicate.describe("proto mappings (*Protos)", c -> owner(c).endsWith("Protos"));
    static final DescribedPredicate<JavaClass> REPOSITORY =
            DescribedPredicate.describe("repositories (*Repository)", c -> owner(c).endsWith("Repository"));
    static final DescribedPredicate<JavaClass> SERVICE_LAYER = DescribedPredicate.describe("the service layer",
            c -> IN_A_FEATURE.test(c) && !ADAPTER.test(c) && !PROTO_MAPPING.test(c) && !REPOSITORY.test(c));
    static final DescribedPredicate<JavaClass> NAMED_SERVICE =
            DescribedPredicate.describe("services (*Service)", c -> owner(c).endsWith("Service"));

    @Test
    void adaptersCallServicesNeverRepositoriesOrSql() {
        noClasses().that(ADAPTER).should().dependOnClassesThat(REPOSITORY)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.jooq..", SERVER + ".db..")
                .because("a gRPC adapter maps proto to a service call and back; SQL is the repositories' (STYLE.md 2)")
                .check(server);
    }

    @Test
    void servicesKnowNoTransport() {
        noClasses().that(SERVICE_LAYER).should().dependOnClassesThat(ADAPTER.or(PROTO_MAPPING))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.grpc..", "org.medconnect.proto..")
                .because("services take domain values and a Principal; gRPC and proto stay in the adapters")
                .check(server);
    }

    @Test
    void repositoriesCallNoServiceAndKnowNoTransport() {
        noClasses().that(REPOSITORY).should().dependOnClassesThat(NAMED_SERVICE.or(ADAPTER).or(PROTO_MAPPING))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.grpc..", "org.medconnect.proto..")
                .because("arrows point grpc -> service -> repository, never back")
                .check(server);
    }

    @Test
    void aRepositoryIsUsedOnlyInItsOwnFeature() {
        classes().that(REPOSITORY).should(onlyBeUsedFromTheirOwnPackage())
                .because("another feature's data is reached through that feature's service")
                .check(server);
    }

    @Test
    void noFeatureKnowsTheWiring() {
        noClasses().that(IN_A_FEATURE).or().resideInAPackage(SERVER + ".platform..")
                .should().dependOnClassesThat().haveFullyQualifiedName(SERVER + ".ClinicServices")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(SERVER + ".MedConnectServer")
                .orShould().dependOnClassesThat().resideInAPackage(SERVER + ".bootstrap..")
                .because("the wiring class knows every feature; a feature knowing it makes a circle")
                .check(server);
    }

    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage(SERVER + ".platform..").should().dependOnClassesThat(IN_A_FEATURE)
                .because("platform is what features stand on")
                .check(server);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(server);
    }

    static ArchCondition<JavaClass> onlyBeUsedFromTheirOwnPackage() {
        return new ArchCondition<>("be used only from their own feature") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency d : repository.getDirectDependenciesToSelf()) {
                    if (!d.getOriginClass().getPackageName().equals(repository.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
