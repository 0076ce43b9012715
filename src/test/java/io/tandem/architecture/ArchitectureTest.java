package io.tandem.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture's rules, checked on the compiled main classes (ArchUnit) and on the sources: the relay reaches
 * other features only through its ports, features form no cycles, the standalone signaling server holds nothing of the
 * app, and no main class grows past what one reader can hold.
 */
class ArchitectureTest {

    static final int MAX_LINES = 400;
    private static final List<Path> MAIN_SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("signaling", "src", "main", "java"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tandem");

    @Test
    void theRelayUsesNoRepositoryOrEntityOfAnotherFeature() {
        noClasses().that().resideInAPackage("io.tandem.relay..").should().dependOnClassesThat(
                not(resideInAPackage("io.tandem.relay..")).and(
                        resideInAnyPackage("..repository..").or(annotatedWith(Entity.class))))
                .because("the relay reaches sessions, documents, recordings and touchpoints only through its ports")
                .check(MAIN);
    }

    /**
     * Features form no cycles. The relay's ports (the listener port its rooms call, and the protocol's types) are
     * slices of their own: the features that implement them depend on the ports, never on the relay's core.
     */
    @Test
    void featuresFormNoCycles() {
        slices().assignedFrom(FEATURES).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void packagesInsideTheRelayFormNoCycles() {
        slices().matching("io.tandem.relay.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    private static final SliceAssignment FEATURES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String name = c.getPackageName();
            if (!name.startsWith("io.tandem.")) {
                return SliceIdentifier.ignore();
            }
            for (String port : List.of("io.tandem.relay.listener", "io.tandem.relay.protocol")) {
                if (name.equals(port) || name.startsWith(port + ".")) {
                    return SliceIdentifier.of(port);
                }
            }
            String rest = name.substring("io.tandem.".length());
            return SliceIdentifier.of(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        }

        @Override
        public String getDescription() {
            return "features (io.tandem.*), with the relay's listener and protocol ports apart";
        }
    };

    @Test
    void theSignalingServerHoldsNothingOfTheApp() {
        noClasses().that().resideInAPackage("io.tandem.signaling..").should().dependOnClassesThat(
                resideInAPackage("io.tandem..").and(not(resideInAPackage("io.tandem.signaling.."))))
                .orShould().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta.."))
                .check(MAIN);
    }

    @Test
    void noMainClassIsLongerThanFourHundredLines() {
        List<String> tooLong = MAIN_SOURCES.stream().flatMap(ArchitectureTest::javaFiles)
                .filter(f -> lines(f) > MAX_LINES).map(f -> f + " (" + lines(f) + " lines)").toList();
        assertEquals(List.of(), tooLong, "main classes over " + MAX_LINES + " lines: split them by concern");
    }

    private static Stream<Path> javaFiles(Path root) {
        assertFalse(!Files.isDirectory(root), "run from the project root; missing " + root.toAbsolutePath());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
