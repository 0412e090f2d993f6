package org.medconnect.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The workstation's arrows point one way (decision 0017): role workspaces -> features -> platform.
 * Views show and bind, view models hold state and call the server, and no feature reaches into
 * another. Fails with the offending class and line when an arrow is reversed.
 */
class ArchitectureTest {

    private static final String DESKTOP = "org.medconnect.desktop";
    /** Features: each may use platform, shared, proto and itself, never another feature or a workspace. */
    static final List<String> FEATURES = List.of("signin", "staff", "clinic", "availability", "appointment", "patient",
            "queue", "waitinglist", "absence", "notification", "chart", "followup", "prescription");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(DESKTOP);
    }

    /** The top-level class a (possibly nested or anonymous) class belongs to, e.g. DayBoardView for DayBoardView$1. */
    private static String outer(JavaClass c) {
        String name = c.getName();
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static DescribedPredicate<JavaClass> outerNameEndsWith(String... suffixes) {
        return DescribedPredicate.describe("belong to a class named *" + String.join(" or *", suffixes),
                c -> Arrays.stream(suffixes).anyMatch(s -> outer(c).endsWith(s) && !outer(c).endsWith("ViewModel")));
    }

    private static DescribedPredicate<JavaClass> outerNameEndsWithViewModel() {
        return DescribedPredicate.describe("belong to a view model", c -> outer(c).endsWith("ViewModel"));
    }

    @Test
    void viewsNeverCallTheServer() {
        noClasses().that(outerNameEndsWith("View", "Sheet", "Display"))
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DESKTOP + ".platform.ServerConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DESKTOP + ".platform.ServerCalls")
                .orShould().dependOnClassesThat(DescribedPredicate.describe("are gRPC stubs or requests of org.medconnect.proto",
                        c -> c.getPackageName().startsWith("org.medconnect.proto")
                                && (outer(c).endsWith("Grpc") || c.getSimpleName().endsWith("Request"))))
                .because("views bind to view models; only view models talk to the server")
                .check(classes);
    }

    @Test
    void viewModelsHoldNoNodes() {
        noClasses().that(outerNameEndsWithViewModel())
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("a view model is tested without a scene; the view builds the nodes")
                .check(classes);
    }

    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage(DESKTOP + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                        FEATURES.stream().map(f -> DESKTOP + "." + f + ".."),
                        Stream.of(DESKTOP + ".workspace..", DESKTOP)).toArray(String[]::new))
                .because("platform is what every feature stands on")
                .check(classes);
    }

    @TestFactory
    Stream<DynamicTest> featuresUseOnlyPlatformSharedProtoAndThemselves() {
        return FEATURES.stream().map(feature -> DynamicTest.dynamicTest(feature, () -> {
            String[] others = Stream.concat(
                    FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> DESKTOP + "." + f + ".."),
                    Stream.of(DESKTOP + ".workspace..", DESKTOP)).toArray(String[]::new);
            noClasses().that().resideInAPackage(DESKTOP + "." + feature + "..")
                    .should().dependOnClassesThat(DescribedPredicate.describe("are in another feature, a workspace or the shell",
                            (JavaClass c) -> Arrays.stream(others).anyMatch(p -> inPackage(c, p)) && !isPatientPicker(c)))
                    .because("a feature reaches another feature only through the workspace that shows both")
                    .check(classes);
        }));
    }

    @Test
    void workspacesAreNotUsedByFeaturesOrPlatform() {
        noClasses().that().resideOutsideOfPackages(DESKTOP + ".workspace..").and().resideOutsideOfPackage(DESKTOP)
                .should().dependOnClassesThat().resideInAPackage(DESKTOP + ".workspace..")
                .because("workspaces only navigate: they decide which features a role sees")
                .check(classes);
    }

    /**
     * The one shared widget owned by a feature: the patient finder that booking and the waiting list
     * embed. It stays in {@code patient} with the patient search it drives (see decision 0017).
     */
    private static boolean isPatientPicker(JavaClass c) {
        String outer = outer(c);
        return outer.equals(DESKTOP + ".patient.PatientPickerView") || outer.equals(DESKTOP + ".patient.PatientPickerViewModel");
    }

    /** ArchUnit-style package match: "a.b.." is a.b and below, "a.b" is exactly a.b. */
    private static boolean inPackage(JavaClass c, String pattern) {
        String pkg = c.getPackageName();
        if (pattern.endsWith("..")) {
            String base = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        return pkg.equals(pattern);
    }
}
