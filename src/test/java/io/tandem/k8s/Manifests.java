package io.tandem.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the YAML under k8s/ and turns documents into fabric8's typed Kubernetes objects, strictly. */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Manifests() {}

    /** Every non-empty YAML document of a file. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return docs;
    }

    /** YAML files below a directory. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document as fabric8's model class for its apiVersion and kind. Fails for a kind fabric8 does not know (a
     * misspelt kind or apiVersion) and for any field the model has no place for (a misspelt field, or a value of the
     * wrong type: fabric8 keeps both in additionalProperties rather than failing).
     */
    static HasMetadata typed(JsonNode doc, String where) {
        ObjectNode copy = doc.deepCopy();
        copy.remove("$patch"); // a Kustomize directive, not part of the object
        Object parsed;
        try {
            parsed = KUBERNETES.unmarshal(YAML.writeValueAsString(copy));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(where + ": not a Kubernetes object: " + e.getMessage(), e);
        }
        assertTrue(parsed instanceof HasMetadata, where + ": not a Kubernetes object");
        assertFalse(parsed instanceof GenericKubernetesResource,
                where + ": unknown kind " + doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
        HasMetadata object = (HasMetadata) parsed;
        assertNotNull(object.getMetadata(), where + ": no metadata");
        assertNotNull(object.getMetadata().getName(), where + ": no metadata.name");
        noUnknownFields(object, where + " " + Kustomize.id(doc));
        return object;
    }

    /** The typed object, cast to the expected class. */
    static <T extends HasMetadata> T typed(JsonNode doc, Class<T> type) {
        return type.cast(typed(doc, Kustomize.id(doc)));
    }

    private static void noUnknownFields(Object node, String where) {
        if (node instanceof Collection<?> items) {
            items.forEach(i -> noUnknownFields(i, where));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> noUnknownFields(v, where));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                assertTrue(value == null || ((Map<?, ?>) value).isEmpty(), where + ": unknown or mistyped field(s) "
                        + value + " in " + node.getClass().getSimpleName());
            } else {
                noUnknownFields(value, where);
            }
        }
    }
}
