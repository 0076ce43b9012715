package io.tandem.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.tandem.relay.socket.RelayEndpoint;
import io.tandem.signaling.HealthHandler;
import io.tandem.signaling.SignalingConfig;
import io.tandem.signaling.SignalingMain;
import io.tandem.signaling.SignalingServer;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.signaling.socket.SignalUpgrade;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The manifests agree with the application they deploy: ports, probe paths, environment variables, the signaling
 * entry point, the image, shutdown timing and the URLs browsers are given. Values come from the application (config,
 * constants, Dockerfile), so a change on either side without the other turns this red.
 */
class ManifestsMatchAppTest {

    private static final String APP = "tandem";
    private static final String SIGNALING = "tandem-signaling";
    /**
     * What the app does on SIGTERM without quarkus.shutdown.timeout: rooms tell clients to reconnect and activity
     * counters are flushed to PostgreSQL (ShutdownEvent observers); the manifests budget this much for it.
     */
    private static final Duration APP_DRAIN_BUDGET = Duration.ofSeconds(30);
    private static final Path SCRIPTS = AppSettings.DOCKERFILE.getParent();

    private final AppSettings app = new AppSettings();

    @Test
    void appServesHttpOnTheQuarkusPortAndHealthOnTheManagementPort() {
        String[] port = app.envWithDefault("quarkus.http.port");
        String[] managementPort = app.envWithDefault("quarkus.management.port");
        for (Cluster cluster : Cluster.all()) {
            Container c = cluster.container(APP, "tandem");
            String configured = cluster.environment(c).get(port[0]);
            int http = Integer.parseInt(configured != null ? configured : port[1]);
            String configuredManagement = cluster.environment(c).get(managementPort[0]);
            int management = Integer.parseInt(configuredManagement != null ? configuredManagement : managementPort[1]);
            assertEquals(List.of(http, management), c.getPorts().stream().map(p -> p.getContainerPort()).toList(),
                    cluster.name + ": the app's container ports are not quarkus.http.port and quarkus.management.port");
            assertProbe(cluster, c, c.getReadinessProbe(), app.healthPath("ready"), management);
            assertProbe(cluster, c, c.getLivenessProbe(), app.healthPath("live"), management);
            if (c.getStartupProbe() != null) {
                assertProbe(cluster, c, c.getStartupProbe(), app.healthPath("started"), management);
            }
        }
    }

    @Test
    void signalingRunsSignalingMainOnItsConfiguredPortWithItsHealthPath() throws Exception {
        Map<String, String> copied = dockerfileDestinations();
        for (Cluster cluster : Cluster.all()) {
            Container c = cluster.container(SIGNALING, "signaling");
            String configured = cluster.environment(c).get(AppSettings.constant(SignalingConfig.class, "PORT"));
            int expected = configured != null ? Integer.parseInt(configured) : SignalingConfig.DEFAULT_PORT;
            assertEquals(List.of(expected), c.getPorts().stream().map(p -> p.getContainerPort()).toList(),
                    cluster.name + ": the signaling container port is not TANDEM_SIGNALING_PORT (or its default)");
            String health = (String) AppSettings.constant(HealthHandler.class, "PATH");
            assertProbe(cluster, c, c.getReadinessProbe(), health, expected);
            assertProbe(cluster, c, c.getLivenessProbe(), health, expected);

            assertEquals(1, c.getCommand().size(), cluster.name + ": signaling starts through its launcher script");
            Path launcher = Path.of(c.getCommand().get(0));
            assertEquals(launcher.getParent() + "/", copied.get(SCRIPTS.resolve(launcher.getFileName()).toString()),
                    cluster.name + ": " + AppSettings.DOCKERFILE + " does not copy " + launcher.getFileName() + " to "
                            + launcher.getParent());
            String script = Files.readString(SCRIPTS.resolve(launcher.getFileName()));
            assertTrue(script.matches("(?s).*\\bexec java .*" + Pattern.quote(SignalingMain.class.getName()) + ".*"),
                    launcher + " does not exec java with " + SignalingMain.class.getName());
            assertTrue(Modifier.isStatic(SignalingMain.class.getMethod("main", String[].class).getModifiers()));
            Matcher paths = Pattern.compile("/deployments/[\\w./-]*").matcher(script);
            while (paths.find()) {
                String path = paths.group();
                assertTrue(copied.values().stream().anyMatch(path::startsWith), launcher + " uses " + path
                        + ", which " + AppSettings.DOCKERFILE + " does not put into the image");
            }
        }
    }

    @Test
    void environmentVariablesAreOnesTheProgramsRead() {
        Set<String> appReads = app.appEnvironment();
        Set<String> signalingReads = AppSettings.environmentConstants(SignalingConfig.class, SignalingMain.class);
        assertTrue(appReads.contains("TANDEM_DB_HOST") && appReads.contains("TANDEM_SIGNALING_EMBEDDED"),
                "" + appReads);
        assertTrue(signalingReads.contains("TANDEM_SIGNALING_JWKS_URL"), "" + signalingReads);
        for (Cluster cluster : Cluster.all()) {
            Map<String, String> appEnv = cluster.environment(cluster.container(APP, "tandem"));
            appEnv.keySet().stream().filter(n -> n.startsWith("TANDEM_")).forEach(n -> assertTrue(appReads.contains(
                    n), cluster.name + ": the app reads no " + n));
            assertEquals("false", appEnv.get("TANDEM_SIGNALING_EMBEDDED"),
                    cluster.name + ": signaling runs standalone, the app must not start its own");
            Map<String, String> signalingEnv = cluster.environment(cluster.container(SIGNALING, "signaling"));
            // (POD_IP is the downward API's, for TANDEM_SIGNALING_REPLICA_URL)
            signalingEnv.keySet().stream().filter(n -> !n.equals("POD_IP")).forEach(n -> assertTrue(signalingReads
                    .contains(n),
                    cluster.name
                            + ": the signaling server reads no " + n + " (it reads " + signalingReads + ")"));
            assertNotNull(signalingEnv.get("TANDEM_SIGNALING_JWKS_URL"), cluster.name + ": required by SignalingMain");
            // Same pages as the relay: the app's own origin and the site's (unless the relay's list is set).
            List<String> relayOrigins = new ArrayList<>();
            if (appEnv.containsKey("TANDEM_RELAY_ALLOWED_ORIGINS")) {
                relayOrigins.addAll(List.of(appEnv.get("TANDEM_RELAY_ALLOWED_ORIGINS").split(",")));
            } else {
                relayOrigins.add(appEnv.get("TANDEM_PUBLIC_URL"));
                if (appEnv.containsKey("TANDEM_SITE_ORIGINS")) {
                    relayOrigins.addAll(List.of(appEnv.get("TANDEM_SITE_ORIGINS").split(",")));
                }
            }
            assertEquals(WebSocketOrigins.of(relayOrigins),
                    WebSocketOrigins.parse(signalingEnv.get("TANDEM_SIGNALING_ALLOWED_ORIGINS")),
                    cluster.name + ": signaling must allow the relay's origins (TANDEM_SIGNALING_ALLOWED_ORIGINS)");
            // Session ends are published on the relay bridge's Redis; signaling must listen on the same one.
            assertEquals("true", appEnv.get("TANDEM_RELAY_BRIDGE"), cluster.name + ": session ends need the bridge");
            assertEquals(appEnv.get("TANDEM_REDIS_URL"), signalingEnv.get("TANDEM_SIGNALING_REDIS_URL"),
                    cluster.name + ": signaling listens for session ends on another Redis than the app publishes to");
            assertEquals(appEnv.getOrDefault("TANDEM_SIGNALING_ISSUER", SignalingConfig.DEFAULT_ISSUER),
                    signalingEnv.getOrDefault("TANDEM_SIGNALING_ISSUER", SignalingConfig.DEFAULT_ISSUER),
                    cluster.name + ": the app signs tokens with another issuer than signaling expects");
        }
    }

    @Test
    void gracePeriodsCoverThePreStopPauseAndTheDrain() {
        Map<String, Duration> drains = Map.of(APP, app.appDrain(APP_DRAIN_BUDGET).plus(app.shutdownDelay()), SIGNALING,
                (Duration) AppSettings.constant(SignalingServer.class, "STOP_TIMEOUT"));
        for (Cluster cluster : Cluster.all()) {
            drains.forEach((workload, drain) -> {
                PodTemplateSpec pod = cluster.podTemplates().get(workload);
                Container c = pod.getSpec().getContainers().get(0);
                assertNotNull(c.getLifecycle(), cluster.name + ": " + workload + " has no preStop hook");
                List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
                assertEquals("sleep", preStop.get(0), cluster.name + ": " + workload);
                long needed = Long.parseLong(preStop.get(1)) + drain.toSeconds();
                assertTrue(pod.getSpec().getTerminationGracePeriodSeconds() > needed, cluster.name + ": " + workload
                        + " is killed before preStop (" + preStop.get(1) + "s) and the drain (" + drain + ") end");
            });
        }
    }

    @Test
    void publicUrlsNameTheIngressHostAndItsRoutes() {
        String relayPath = RelayEndpoint.PATH + "{id}";
        String signalPath = SignalUpgrade.PATH.getDeclaration();
        for (String name : List.of("base", "prod")) {
            Cluster cluster = Cluster.build(name);
            Map<String, String> env = cluster.environment(cluster.container(APP, "tandem"));
            URI publicUrl = URI.create(env.get("TANDEM_PUBLIC_URL"));
            URI signalingUrl = URI.create(env.get("TANDEM_SIGNALING_PUBLIC_URL"));
            assertEquals("https", publicUrl.getScheme(), name);
            assertEquals("wss", signalingUrl.getScheme(), name);
            assertEquals(APP, route(cluster, publicUrl.getHost(), "/"), name + ": pages");
            assertEquals(APP, route(cluster, publicUrl.getHost(), relayPath), name + ": relay " + relayPath);
            assertEquals(SIGNALING, route(cluster, signalingUrl.getHost(), signalingUrl.getPath() + signalPath),
                    name + ": signaling " + signalPath);
        }
    }

    @Test
    void imagesAgreeWithTheDockerfile() {
        Matcher tag = Pattern.compile("docker build -f " + AppSettings.DOCKERFILE + " -t ([^ ]+) \\.")
                .matcher(String.join("\n", AppSettings.dockerfile()));
        assertTrue(tag.find(), AppSettings.DOCKERFILE + " documents no 'docker build ... -t IMAGE .'");
        for (Cluster cluster : Cluster.all()) {
            String image = cluster.container(APP, "tandem").getImage();
            assertEquals(image, cluster.container(SIGNALING, "signaling").getImage(),
                    cluster.name + ": signaling runs from the app's image");
            if (!cluster.name.equals("prod")) {
                assertEquals(tag.group(1), image, cluster.name + ": image of the Dockerfile's build command");
            } else {
                assertFalse(image.startsWith(tag.group(1).split(":")[0] + ":"), "prod must name a registry image");
            }
        }
        String exposed = AppSettings.dockerfile().stream().filter(l -> l.startsWith("EXPOSE ")).findFirst()
                .orElseThrow();
        for (int port : List.of(Integer.parseInt(app.envWithDefault("quarkus.http.port")[1]),
                SignalingConfig.DEFAULT_PORT)) {
            assertTrue(List.of(exposed.split(" ")).contains(Integer.toString(port)), exposed + " lacks " + port);
        }
    }

    @Test
    void devRunsTheBackingServicesInTheCluster() throws Exception {
        Cluster dev = Cluster.build("dev");
        Map<String, String> env = dev.environment(dev.container(APP, "tandem"));
        assertServes(dev, env.get("TANDEM_DB_HOST"), Integer.parseInt(env.get("TANDEM_DB_PORT")));
        URI oidc = URI.create(env.get("TANDEM_OIDC_URL"));
        assertServes(dev, oidc.getHost(), oidc.getPort());
        URI jwks = URI.create(dev.environment(dev.container(SIGNALING, "signaling")).get("TANDEM_SIGNALING_JWKS_URL"));
        assertServes(dev, jwks.getHost(), jwks.getPort() < 0 ? 80 : jwks.getPort());
        for (String service : List.of("postgres", "redis", "keycloak", "coturn")) {
            dev.get(Service.class, service);
        }
        Path realm = Path.of("config/keycloak/tandem-realm.json");
        assertEquals(Files.readString(realm), dev.configValue("keycloak-realm", "tandem-realm.json"),
                "the dev Keycloak imports the repo's realm");
        String services = Files.readString(Path.of("bin/lib/services.sh"));
        Matcher version = Pattern.compile("TANDEM_KEYCLOAK_VERSION:-([0-9.]+)").matcher(services);
        assertTrue(version.find());
        assertTrue(dev.container("keycloak", "keycloak").getImage().endsWith(":" + version.group(1)),
                "the dev Keycloak is the version the tests and bin/run use");
    }

    @Test
    void prodRunsOnlyTandemAndNamesEveryBackingServiceByConfiguration() {
        Cluster prod = Cluster.build("prod");
        assertTrue(prod.all(StatefulSet.class).isEmpty(), "prod runs no database");
        assertTrue(prod.find(ConfigMap.class, "keycloak-realm").isEmpty(), "prod runs no Keycloak");
        assertEquals(Set.of(APP, SIGNALING), prod.podTemplates().keySet());
        Map<String, String> env = prod.environment(prod.container(APP, "tandem"));
        for (String host : List.of(env.get("TANDEM_DB_HOST"), URI.create(env.get("TANDEM_OIDC_URL")).getHost())) {
            assertTrue(host.contains("."), "prod names " + host + " as an in-cluster service; expected a host name");
        }
        assertTrue(env.get("TANDEM_ICE_TURN_URLS").contains("turn"), "prod hands browsers a TURN server");
    }

    private static void assertProbe(Cluster cluster, Container c, Probe probe, String path, int port) {
        assertNotNull(probe, cluster.name + ": " + c.getName() + " lacks a probe on " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, cluster.name + ": " + c.getName() + " probe is not an HTTP GET");
        assertEquals(path, get.getPath(), cluster.name + ": " + c.getName() + " probe path");
        assertEquals(port, Cluster.port(c, get.getPort()).orElse(-1), cluster.name + ": " + c.getName()
                + " probes port " + get.getPort());
    }

    private static void assertServes(Cluster cluster, String host, int port) {
        Service service = cluster.get(Service.class, host);
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port),
                cluster.name + ": Service " + host + " has no port " + port);
    }

    /** The Service the Ingress rules send {@code host}{@code path} to (longest matching prefix), or null. */
    private static String route(Cluster cluster, String host, String path) {
        String service = null;
        int longest = -1;
        for (Ingress ingress : cluster.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (!host.equals(rule.getHost())) {
                    continue;
                }
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    String prefix = p.getPath().replaceAll("/+$", "");
                    boolean matches = prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
                    if (matches && prefix.length() > longest) {
                        longest = prefix.length();
                        service = p.getBackend().getService().getName();
                    }
                }
            }
        }
        return service;
    }

    /**
     * What the Dockerfile copies into the image, source to destination directory, for sources that are directories
     * (target/quarkus-app/lib/ to /deployments/lib/) or files of src/main/docker (the launcher).
     */
    private static Map<String, String> dockerfileDestinations() {
        Map<String, String> destinations = new java.util.TreeMap<>();
        for (String line : AppSettings.dockerfile()) {
            List<String> words = List.of(line.trim().split("\\s+"));
            if (words.get(0).equals("COPY")) {
                String destination = words.get(words.size() - 1);
                words.subList(1, words.size() - 1).stream().filter(w -> !w.startsWith("--"))
                        .filter(w -> w.endsWith("/") || w.startsWith(SCRIPTS + "/"))
                        .forEach(w -> destinations.put(w, destination));
            }
        }
        assertFalse(destinations.isEmpty(), "no COPY in " + AppSettings.DOCKERFILE);
        return destinations;
    }
}
