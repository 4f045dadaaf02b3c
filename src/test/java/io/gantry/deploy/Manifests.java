package io.gantry.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The files of {@code k8s/}, each read with fabric8's serialization into its typed objects. */
final class Manifests {

    static final Path FOLDER = Path.of("k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One object of the set, with the file it came from. */
    record Manifest(String file, HasMetadata object) {
    }

    private Manifests() {
    }

    /** The YAML files in {@code k8s/}, by name. */
    static List<String> files() {
        try (Stream<Path> listing = Files.list(FOLDER)) {
            return listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object of every file but the kustomization, typed (a Deployment is a Deployment, not a map). */
    static List<Manifest> objects() {
        List<Manifest> all = new ArrayList<>();
        for (String file : files()) {
            if (!file.equals(KUSTOMIZATION)) {
                read(file).forEach(object -> all.add(new Manifest(file, object)));
            }
        }
        return all;
    }

    /** The objects of one file; a file of several documents gives them in order. */
    static List<HasMetadata> read(String file) {
        String yaml = text(file);
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> objects = switch (parsed) {
            case KubernetesList list -> list.getItems();
            case List<?> list -> list.stream().map(HasMetadata.class::cast).toList();
            case HasMetadata one -> List.of(one);
            default -> throw new IllegalStateException(file + " holds no Kubernetes object: " + parsed);
        };
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                throw new IllegalStateException(file + ": " + generic.getApiVersion() + " " + generic.getKind()
                        + " is no kind fabric8 knows (a misspelt kind or apiVersion?)");
            }
        }
        return objects;
    }

    /** The kustomization's own fields. */
    static Map<String, Object> kustomization() {
        GenericKubernetesResource kustomization = SERIALIZATION.unmarshal(text(KUSTOMIZATION),
                GenericKubernetesResource.class);
        return kustomization.getAdditionalProperties();
    }

    static String text(String file) {
        try {
            return Files.readString(FOLDER.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one object of that kind and name, if the set has it. */
    static <T extends HasMetadata> Optional<T> find(List<Manifest> objects, Class<T> kind, String name) {
        return objects.stream().map(Manifest::object).filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst();
    }

    static <T extends HasMetadata> List<T> all(List<Manifest> objects, Class<T> kind) {
        return objects.stream().map(Manifest::object).filter(kind::isInstance).map(kind::cast).toList();
    }
}
