package io.tandem.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects one kustomization builds, typed, with the look-ups the tests share. */
final class Cluster {

    /** The kustomizations under test, by the name the tests use. */
    static final Map<String, Path> KUSTOMIZATIONS = Map.of("base", Path.of("k8s/base"), "dev",
            Path.of("k8s/overlays/dev"), "prod", Path.of("k8s/overlays/prod"));

    final String name;
    final List<HasMetadata> objects = new ArrayList<>();

    private Cluster(String name, List<ObjectNode> built) {
        this.name = name;
        built.forEach(o -> objects.add(Manifests.typed(o, name + ": " + Kustomize.id(o))));
    }

    static Cluster build(String name) {
        return new Cluster(name, Kustomize.build(KUSTOMIZATIONS.get(name)));
    }

    static List<Cluster> all() {
        return KUSTOMIZATIONS.keySet().stream().sorted().map(Cluster::build).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(
                () -> new AssertionError(name + " has no " + type.getSimpleName() + " " + objectName));
    }

    /** Pod templates of Deployments and StatefulSets, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return pods;
    }

    /** Workloads whose pods carry every label of the selector. */
    List<String> workloadsSelectedBy(Map<String, String> selector) {
        return podTemplates().entrySet().stream()
                .filter(e -> e.getValue().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    /** The container of a workload with that name. */
    Container container(String workload, String container) {
        PodTemplateSpec pod = podTemplates().get(workload);
        assertNotNull(pod, name + " has no workload " + workload);
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(container)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": " + workload + " has no container " + container));
    }

    /** A named or numbered port of a container, resolved to its number; empty when the container has no such port. */
    static Optional<Integer> port(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return c.getPorts().stream().map(ContainerPort::getContainerPort).filter(port.getIntVal()::equals)
                    .findFirst();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
    }

    /**
     * A container's environment, as the kubelet would assemble it: envFrom ConfigMaps and Secrets of this build, then
     * env entries. Values from Secrets and references are {@code null}; a Secret that the build lacks (created
     * outside, as in prod) contributes no names.
     */
    Map<String, String> environment(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                get(ConfigMap.class, from.getConfigMapRef().getName()).getData().forEach(env::put);
            }
            if (from.getSecretRef() != null) {
                find(Secret.class, from.getSecretRef().getName())
                        .ifPresent(s -> s.getData().keySet().forEach(k -> env.put(k, null)));
            }
        }
        for (EnvVar v : c.getEnv()) {
            env.put(v.getName(), v.getValue());
        }
        return env;
    }

    /** The ConfigMap data value of the build, or a failure naming what is missing. */
    String configValue(String configMap, String key) {
        String value = get(ConfigMap.class, configMap).getData().get(key);
        assertNotNull(value, name + ": " + configMap + " has no " + key);
        return value;
    }

    /** A map of labels or selector, never null. */
    static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    /** The one workload the labels select, or a failure. */
    String onlyWorkloadSelectedBy(Map<String, String> selector, String what) {
        List<String> selected = workloadsSelectedBy(labels(selector));
        assertEquals(1, selected.size(), name + ": " + what + " should select the pods of one workload, selects "
                + selected);
        return selected.get(0);
    }
}
