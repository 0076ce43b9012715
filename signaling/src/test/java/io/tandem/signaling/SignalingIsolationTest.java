package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the standalone signaling server free of the app: no Quarkus, no io.tandem code outside its own package. */
class SignalingIsolationTest {

    private static final Path SOURCES = Path.of("signaling", "src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void signalingSourcesImportNothingOfQuarkusOrTheApp() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the project root; missing " + SOURCES.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty(), "no sources found under " + SOURCES);

        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            forbiddenImports(Files.readString(file)).forEach(i -> violations.add(file + ": import " + i));
        }
        assertEquals(List.of(), violations, "signaling must not depend on Quarkus or the Tandem app");
    }

    @Test
    void detectsForbiddenImports() {
        String source = """
                package io.tandem.signaling.x;
                import io.quarkus.runtime.Startup;
                import static io.tandem.config.TandemConfig.foo;
                import io.tandem.signalingx.Other;
                import io.tandem.signaling.SignalingConfig;
                import io.tandem.signaling.rooms.Room;
                import org.eclipse.jetty.server.Server;
                """;

        assertEquals(List.of("io.quarkus.runtime.Startup", "io.tandem.config.TandemConfig.foo",
                "io.tandem.signalingx.Other"), forbiddenImports(source));
    }

    static List<String> forbiddenImports(String source) {
        List<String> forbidden = new ArrayList<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            boolean app = name.startsWith("io.tandem.") && !name.startsWith("io.tandem.signaling.");
            if (name.startsWith("io.quarkus.") || app) {
                forbidden.add(name);
            }
        }
        return forbidden;
    }
}
