package io.tandem.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize our manifests use, so the tests can build each overlay without a kustomize binary: resources
 * (files and directories), strategic-merge patch files (objects merged, lists of named items merged by name, other
 * lists replaced, {@code $patch: delete}), config map and secret generators (literals and files; create, merge,
 * replace), labels with includeSelectors, namespace and images. Any other field fails the build rather than being
 * ignored, and every reference is checked as Kustomize would (files must lie at or below their kustomization).
 */
final class Kustomize {

    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "resources", "patches",
            "configMapGenerator", "secretGenerator", "labels", "namespace", "images");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private Kustomize() {}

    /** The objects {@code kustomize build dir} would emit (generated names without their hash suffix). */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(file), "no kustomization.yaml in " + dir);
        ObjectNode k = (ObjectNode) Manifests.documents(file).get(0);
        k.fieldNames().forEachRemaining(f -> assertTrue(KNOWN_FIELDS.contains(f),
                file + ": field '" + f + "' is not understood by the test's resolver"));
        List<ObjectNode> objects = new ArrayList<>();
        for (String entry : strings(k.path("resources"))) {
            Path p = dir.resolve(entry).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else {
                objects.addAll(objects(local(dir, entry, file)));
            }
        }
        generate(dir, file, k.path("configMapGenerator"), "ConfigMap", objects);
        generate(dir, file, k.path("secretGenerator"), "Secret", objects);
        for (JsonNode patch : k.path("patches")) {
            assertTrue(patch.has("path") && patch.size() == 1, file + ": only 'path' patches are supported: " + patch);
            List<ObjectNode> docs = objects(local(dir, patch.get("path").asText(), file));
            // kustomize 5.5 panics on a patch file that deletes and has more documents
            assertTrue(docs.size() == 1 || docs.stream().noneMatch(d -> d.has("$patch")),
                    file + ": put each $patch: delete in a file of its own: " + patch);
            for (ObjectNode p : docs) {
                apply(p, objects, file);
            }
        }
        if (k.hasNonNull("namespace")) {
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> obj(o, "metadata").put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode labels : k.path("labels")) {
            objects.forEach(o -> label(o, labels.path("pairs"), labels.path("includeSelectors").asBoolean(false)));
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> containers(o).forEach(c -> retag(c, image)));
        }
        Set<String> ids = new java.util.HashSet<>();
        objects.forEach(o -> assertTrue(ids.add(id(o)), dir + " builds " + id(o) + " twice"));
        return objects;
    }

    /** kind/name of an object, e.g. {@code Deployment/tandem}. */
    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    /** Containers and init containers of a workload's pod template (none for other kinds). */
    static List<ObjectNode> containers(JsonNode o) {
        List<ObjectNode> all = new ArrayList<>();
        JsonNode pod = o.path("spec").path("template").path("spec");
        for (String field : List.of("initContainers", "containers")) {
            pod.path(field).forEach(c -> all.add((ObjectNode) c));
        }
        return all;
    }

    private static Path local(Path dir, String entry, Path kustomization) {
        Path p = dir.resolve(entry).normalize();
        assertTrue(p.startsWith(dir.normalize()), kustomization + ": '" + entry
                + "' lies outside the kustomization's directory (Kustomize refuses to load it)");
        assertTrue(Files.isRegularFile(p), kustomization + ": '" + entry + "' does not exist");
        return p;
    }

    private static List<ObjectNode> objects(Path file) {
        return Manifests.documents(file).stream().map(d -> (ObjectNode) d).toList();
    }

    private static void generate(Path dir, Path file, JsonNode generators, String kind, List<ObjectNode> objects) {
        for (JsonNode g : generators) {
            String name = g.path("name").asText();
            ObjectNode data = Manifests.YAML.createObjectNode();
            for (String literal : strings(g.path("literals"))) {
                int eq = literal.indexOf('=');
                assertTrue(eq > 0, file + ": literal without '=': " + literal);
                data.put(literal.substring(0, eq), encode(kind, literal.substring(eq + 1)));
            }
            for (String entry : strings(g.path("files"))) {
                int eq = entry.indexOf('=');
                Path p = local(dir, eq > 0 ? entry.substring(eq + 1) : entry, file);
                data.put(eq > 0 ? entry.substring(0, eq) : p.getFileName().toString(), encode(kind, read(p)));
            }
            g.fieldNames().forEachRemaining(f -> assertTrue(Set.of("name", "behavior", "literals", "files").contains(f),
                    file + ": generator field '" + f + "' is not supported"));
            String behavior = g.path("behavior").asText("create");
            List<ObjectNode> existing = objects.stream().filter(o -> id(o).equals(kind + "/" + name)).toList();
            if (behavior.equals("create")) {
                assertTrue(existing.isEmpty(), file + ": " + kind + "/" + name + " exists already (use merge)");
                ObjectNode o = Manifests.YAML.createObjectNode().put("apiVersion", "v1").put("kind", kind);
                o.putObject("metadata").put("name", name);
                o.set("data", data);
                objects.add(o);
            } else {
                assertEquals(1, existing.size(), file + ": " + behavior + " of " + kind + "/" + name
                        + " needs it in the resources");
                ObjectNode target = existing.get(0);
                if (behavior.equals("replace")) {
                    target.set("data", data);
                } else {
                    assertEquals("merge", behavior, file + ": unknown generator behavior");
                    obj(target, "data").setAll(data);
                }
            }
        }
    }

    private static String encode(String kind, String value) {
        return kind.equals("Secret")
                ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                : value;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void apply(ObjectNode patch, List<ObjectNode> objects, Path file) {
        List<ObjectNode> targets = objects.stream().filter(o -> id(o).equals(id(patch))).toList();
        assertEquals(1, targets.size(), file + ": the patch of " + id(patch) + " matches no object");
        if (patch.path("$patch").asText().equals("delete")) {
            objects.remove(targets.get(0));
        } else {
            merge(targets.get(0), patch);
        }
    }

    /** Strategic merge as far as our patches need it. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && named(value)) {
                for (JsonNode item : value) {
                    JsonNode match = null;
                    for (JsonNode c : current) {
                        match = c.path("name").equals(item.get("name")) ? c : match;
                    }
                    if (match == null) {
                        ((ArrayNode) current).add(item.deepCopy());
                    } else {
                        merge((ObjectNode) match, (ObjectNode) item);
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean named(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    /** Kustomize's label field specs (api/konfig/builtinpluginconsts/commonlabels.go) for the kinds we use. */
    private static void label(ObjectNode o, JsonNode pairs, boolean selectors) {
        ObjectNode spec = (ObjectNode) o.get("spec");
        add(obj(obj(o, "metadata"), "labels"), pairs);
        if (!selectors || spec == null) {
            return;
        }
        String kind = o.path("kind").asText();
        if (kind.equals("Service")) {
            add(obj(spec, "selector"), pairs);
        } else if (WORKLOADS.contains(kind)) {
            add(obj(obj(spec, "selector"), "matchLabels"), pairs);
            add(obj(obj(obj(spec, "template"), "metadata"), "labels"), pairs);
        } else if (kind.equals("PodDisruptionBudget") && spec.path("selector").has("matchLabels")) {
            add((ObjectNode) spec.get("selector").get("matchLabels"), pairs);
        } else if (kind.equals("NetworkPolicy")) {
            List<JsonNode> selectorsOfPolicy = new ArrayList<>(List.of(spec.path("podSelector")));
            spec.path("ingress").forEach(rule -> rule.path("from").forEach(p -> selectorsOfPolicy.add(p.path(
                    "podSelector"))));
            spec.path("egress").forEach(rule -> rule.path("to").forEach(p -> selectorsOfPolicy.add(p.path(
                    "podSelector"))));
            selectorsOfPolicy.stream().filter(s -> s.has("matchLabels"))
                    .forEach(s -> add((ObjectNode) s.get("matchLabels"), pairs));
        }
    }

    private static void add(ObjectNode labels, JsonNode pairs) {
        pairs.fields().forEachRemaining(p -> labels.set(p.getKey(), p.getValue().deepCopy()));
    }

    private static void retag(ObjectNode container, JsonNode image) {
        String ref = container.path("image").asText();
        int at = ref.indexOf('@');
        int colon = ref.lastIndexOf(':');
        int end = at >= 0 ? at : colon > ref.lastIndexOf('/') ? colon : ref.length();
        if (!ref.substring(0, end).equals(image.path("name").asText())) {
            return;
        }
        String name = image.path("newName").asText(ref.substring(0, end));
        String suffix = image.hasNonNull("digest")
                ? "@" + image.get("digest").asText()
                : image.hasNonNull("newTag") ? ":" + image.get("newTag").asText() : ref.substring(end);
        container.put("image", name + suffix);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The object at {@code field}, created when missing. */
    private static ObjectNode obj(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
    }
}
