package io.tandem.k8s;

import static io.tandem.k8s.Cluster.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * k8s/ holds valid Kubernetes objects whose Kustomize references resolve, and which fit together once built: Services,
 * budgets and policies select real pods and ports, autoscalers and Ingresses name real targets. No cluster and no
 * kustomize binary: {@link Kustomize} builds each overlay in-process.
 */
class KustomizationTest {

    private static final Path K8S = Path.of("k8s");
    /** Documentation of the Secrets every overlay must provide; parsed, never applied. */
    private static final Path SECRET_EXAMPLE = Path.of("k8s/base/secret.example.yaml");

    @Test
    void everyManifestParsesAsATypedKubernetesObject() {
        List<Path> files = Manifests.yamlFiles(K8S).stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).toList();
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            List<JsonNode> docs = Manifests.documents(file);
            assertFalse(docs.isEmpty(), file + " is empty");
            docs.forEach(d -> Manifests.typed(d, file.toString()));
        }
    }

    @Test
    void everyKustomizationBuildsAndUsesEveryManifest() {
        Set<Path> used = new HashSet<>();
        for (Path dir : List.of(Path.of("k8s/base"), Path.of("k8s/overlays/dev"), Path.of("k8s/overlays/prod"),
                Path.of("config/keycloak"))) {
            assertFalse(Kustomize.build(dir).isEmpty(), dir + " builds nothing");
            JsonNode k = Manifests.documents(dir.resolve("kustomization.yaml")).get(0);
            k.path("resources").forEach(r -> used.add(dir.resolve(r.asText()).normalize()));
            k.path("patches").forEach(p -> used.add(dir.resolve(p.path("path").asText()).normalize()));
        }
        assertTrue(used.contains(Path.of("k8s/base")), "an overlay builds on k8s/base");
        for (Path file : Manifests.yamlFiles(K8S)) {
            if (!file.getFileName().toString().equals("kustomization.yaml") && !file.equals(SECRET_EXAMPLE)) {
                assertTrue(used.contains(file.normalize()), file + " is listed in no kustomization");
            }
        }
    }

    @Test
    void servicesSelectOneWorkloadAndTargetItsPorts() {
        for (Cluster cluster : Cluster.all()) {
            for (Service service : cluster.all(Service.class)) {
                String what = "Service " + service.getMetadata().getName();
                assertFalse(labels(service.getSpec().getSelector()).isEmpty(), cluster.name + ": " + what
                        + " has no selector");
                String workload = cluster.onlyWorkloadSelectedBy(service.getSpec().getSelector(), what);
                PodTemplateSpec pod = cluster.podTemplates().get(workload);
                for (ServicePort port : service.getSpec().getPorts()) {
                    IntOrString target = port.getTargetPort() == null
                            ? new IntOrString(port.getPort())
                            : port.getTargetPort();
                    assertTrue(pod.getSpec().getContainers().stream().anyMatch(c -> Cluster.port(c, target)
                            .isPresent()), cluster.name + ": " + what + " targets port " + target
                                    + " that no container of " + workload + " declares");
                }
            }
        }
    }

    @Test
    void workloadSelectorsSelectTheirOwnPodsOnly() {
        for (Cluster cluster : Cluster.all()) {
            for (Deployment d : cluster.all(Deployment.class)) {
                String what = "Deployment " + d.getMetadata().getName() + "'s selector";
                assertEquals(List.of(d.getMetadata().getName()),
                        cluster.workloadsSelectedBy(labels(d.getSpec().getSelector().getMatchLabels())),
                        cluster.name + ": " + what);
            }
        }
    }

    @Test
    void disruptionBudgetsAndNetworkPoliciesSelectPodsAndTheirPorts() {
        for (Cluster cluster : Cluster.all()) {
            for (PodDisruptionBudget pdb : cluster.all(PodDisruptionBudget.class)) {
                cluster.onlyWorkloadSelectedBy(pdb.getSpec().getSelector().getMatchLabels(),
                        "PodDisruptionBudget " + pdb.getMetadata().getName());
            }
            assertFalse(cluster.all(NetworkPolicy.class).isEmpty(), cluster.name + " has no NetworkPolicy");
            for (NetworkPolicy policy : cluster.all(NetworkPolicy.class)) {
                String what = "NetworkPolicy " + policy.getMetadata().getName();
                String workload = cluster.onlyWorkloadSelectedBy(policy.getSpec().getPodSelector().getMatchLabels(),
                        what);
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getPodSelector() != null) {
                            cluster.onlyWorkloadSelectedBy(peer.getPodSelector().getMatchLabels(), what + " peer");
                        }
                    }
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        assertTrue(cluster.podTemplates().get(workload).getSpec().getContainers().stream()
                                .anyMatch(c -> Cluster.port(c, port.getPort()).isPresent()),
                                cluster.name + ": "
                                        + what + " opens port " + port.getPort() + " that " + workload
                                        + " does not declare");
                    }
                }
            }
        }
    }

    @Test
    void autoscalersScaleDeploymentsOnCpuAndTheAppAlsoOnConnections() {
        for (Cluster cluster : Cluster.all()) {
            for (HorizontalPodAutoscaler hpa : cluster.all(HorizontalPodAutoscaler.class)) {
                String what = cluster.name + ": HPA " + hpa.getMetadata().getName();
                assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind(), what);
                cluster.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
                assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas(), what);
                assertTrue(hpa.getSpec().getMetrics().stream().anyMatch(m -> m.getResource() != null
                        && m.getResource().getName().equals("cpu")), what + " does not scale on CPU");
            }
            HorizontalPodAutoscaler app = cluster.get(HorizontalPodAutoscaler.class, "tandem");
            assertTrue(app.getSpec().getMetrics().stream().anyMatch(m -> m.getPods() != null
                    && m.getPods().getMetric().getName().contains("websocket_connections")),
                    cluster.name + ": the app's HPA does not scale on open WebSockets");
            if (!cluster.name.equals("dev")) {
                assertTrue(app.getSpec().getMinReplicas() >= 2, cluster.name + ": the app runs on fewer than 2 pods");
                assertTrue(cluster.get(Deployment.class, "tandem").getSpec().getReplicas() >= 2, cluster.name);
            }
        }
    }

    @Test
    void ingressesRouteToServicePortsAndKeepWebSocketsOpen() {
        for (Cluster cluster : Cluster.all()) {
            for (Ingress ingress : cluster.all(Ingress.class)) {
                String what = cluster.name + ": Ingress " + ingress.getMetadata().getName();
                Map<String, String> annotations = labels(ingress.getMetadata().getAnnotations());
                for (IngressRule rule : ingress.getSpec().getRules()) {
                    for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                        var backend = path.getBackend().getService();
                        Service service = cluster.get(Service.class, backend.getName());
                        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> backend.getPort()
                                .getName() != null
                                        ? backend.getPort().getName().equals(p.getName())
                                        : backend.getPort().getNumber().equals(p.getPort())),
                                what + " routes to a port Service " + backend.getName() + " does not have");
                        if (path.getPath().startsWith("/ws") || path.getPath().startsWith("/signal")) {
                            for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
                                String value = annotations.get("nginx.ingress.kubernetes.io/" + timeout);
                                assertNotNull(value, what + " has no " + timeout + " for WebSockets");
                                assertTrue(Integer.parseInt(value) >= 3600, what + ": " + timeout + " " + value
                                        + "s would cut quiet sessions");
                            }
                        }
                        if (path.getPath().startsWith("/signal")) {
                            assertEquals("$request_uri",
                                    annotations.get("nginx.ingress.kubernetes.io/upstream-hash-by"),
                                    what + ": both peers of a call must reach the same signaling pod");
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyContainerRequestsCpuAndMemoryAndLimitsMemory() {
        for (Cluster cluster : Cluster.all()) {
            cluster.podTemplates().forEach((workload, pod) -> {
                for (Container c : pod.getSpec().getContainers()) {
                    String what = cluster.name + ": " + workload + "/" + c.getName();
                    Map<String, Quantity> requests = c.getResources().getRequests();
                    assertTrue(requests != null && requests.containsKey("cpu") && requests.containsKey("memory"),
                            what + " requests no CPU or memory");
                    assertTrue(c.getResources().getLimits() != null && c.getResources().getLimits()
                            .containsKey("memory"), what + " has no memory limit");
                    assertTrue(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory"))
                            .compareTo(Quantity.getAmountInBytes(requests.get("memory"))) >= 0, what);
                }
            });
        }
    }

    @Test
    void configMapsAndSecretsThatPodsReadExist() {
        Map<String, Set<String>> documented = new java.util.HashMap<>();
        Manifests.documents(SECRET_EXAMPLE).forEach(d -> {
            Secret s = Manifests.typed(d, Secret.class);
            documented.put(s.getMetadata().getName(), labels(s.getStringData()).keySet());
        });
        for (Cluster cluster : Cluster.all()) {
            cluster.podTemplates().forEach((workload, pod) -> {
                for (Container c : pod.getSpec().getContainers()) {
                    cluster.environment(c); // fails on a missing envFrom ConfigMap
                    for (EnvVar v : c.getEnv()) {
                        var from = v.getValueFrom();
                        if (from != null && from.getSecretKeyRef() != null) {
                            String secret = from.getSecretKeyRef().getName(), key = from.getSecretKeyRef().getKey();
                            Set<String> keys = cluster.find(Secret.class, secret)
                                    .map(s -> labels(s.getData()).keySet()).orElse(documented.get(secret));
                            assertTrue(keys != null && keys.contains(key), cluster.name + ": " + workload
                                    + " reads " + secret + "/" + key + ", which the build and "
                                    + SECRET_EXAMPLE + " lack");
                        }
                        if (from != null && from.getConfigMapKeyRef() != null) {
                            cluster.configValue(from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef()
                                    .getKey());
                        }
                    }
                }
                for (Volume volume : pod.getSpec().getVolumes()) {
                    if (volume.getConfigMap() != null) {
                        cluster.get(ConfigMap.class, volume.getConfigMap().getName());
                    }
                }
            });
        }
    }
}
