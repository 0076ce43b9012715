package io.tandem.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the manifests must agree with, read from the application rather than repeated: application.properties, the
 * {@code @ConfigMapping} interfaces, the signaling server's constants, the Dockerfile.
 */
final class AppSettings {

    static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

    private final Properties properties = new Properties();

    AppSettings() {
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property of the default (prod) profile, or the fallback when it is not set. */
    String property(String name, String fallback) {
        return properties.getProperty(name, fallback);
    }

    /** The env var a property reads and its default: {@code ${TANDEM_HTTP_PORT:8080}} gives both. */
    String[] envWithDefault(String name) {
        Matcher m = DEFAULTED.matcher(properties.getProperty(name, ""));
        assertTrue(m.matches(), name + " is not of the form ${ENV:default} in " + PROPERTIES);
        return new String[]{m.group(1), m.group(2)};
    }

    /** The health endpoint SmallRye Health serves for a check ("live", "ready", "started"), after any overrides. */
    String healthPath(String check) {
        String key = Set.of("live", "ready").contains(check)
                ? (check.equals("live") ? "liveness-path" : "readiness-path")
                : "startup-path";
        return "/" + property("quarkus.http.non-application-root-path", "q") + "/"
                + property("quarkus.smallrye-health.root-path", "health") + "/"
                + property("quarkus.smallrye-health." + key, check);
    }

    /** How long the app may drain after SIGTERM: quarkus.shutdown.timeout when set, else {@code budget}. */
    Duration appDrain(Duration budget) {
        String timeout = properties.getProperty("quarkus.shutdown.timeout");
        return timeout == null ? budget : Duration.parse("PT" + timeout.toUpperCase());
    }

    /** How long readiness is DOWN after SIGTERM before the drain starts: quarkus.shutdown.delay's default, or 0. */
    Duration shutdownDelay() {
        if (!"true".equals(properties.getProperty("quarkus.shutdown.delay-enabled"))) {
            return Duration.ZERO;
        }
        String delay = properties.getProperty("quarkus.shutdown.delay", "0s");
        Matcher m = DEFAULTED.matcher(delay);
        return Duration.parse("PT" + (m.matches() ? m.group(2) : delay).toUpperCase());
    }

    /**
     * Every environment variable the app reads: the {@code ${VAR}} references of application.properties and the
     * variables of every {@code @ConfigMapping} property ({@code tandem.join.ttl} as {@code TANDEM_JOIN_TTL}).
     */
    Set<String> appEnvironment() {
        Set<String> names = new TreeSet<>();
        try {
            Matcher m = ENV_REFERENCE.matcher(Files.readString(PROPERTIES));
            while (m.find()) {
                names.add(m.group(1));
            }
            try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (Files.readString(source).contains("@ConfigMapping(")) {
                        Class<?> type = Class.forName(className(source));
                        mappedNames(type, type.getAnnotation(ConfigMapping.class).prefix(), names);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static String className(Path source) {
        String relative = Path.of("src/main/java").relativize(source).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static void mappedNames(Class<?> type, String prefix, Set<String> names) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (m.getReturnType().isInterface() && m.getReturnType().getName().startsWith("io.tandem.")) {
                mappedNames(m.getReturnType(), name, names);
            } else {
                names.add(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            }
        }
    }

    /** The values of a class's {@code static final String} constants that name TANDEM_* variables. */
    static Set<String> environmentConstants(Class<?>... types) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : types) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    String value = (String) constant(type, f.getName());
                    if (value != null && value.matches("TANDEM_[A-Z0-9_]+")) {
                        names.add(value);
                    }
                }
            }
        }
        return names;
    }

    /** A static field's value, package-private or not. */
    static Object constant(Class<?> type, String field) {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + "." + field + " is gone; update the k8s test", e);
        }
    }

    /** The Dockerfile's lines. */
    static java.util.List<String> dockerfile() {
        try {
            return Files.readAllLines(DOCKERFILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
