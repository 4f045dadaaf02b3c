package io.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.gantry.cluster.ClusterProperties;
import io.gantry.deploy.Manifests.Manifest;
import io.gantry.runtime.kubernetes.KubernetesObjects;
import io.gantry.runtime.kubernetes.KubernetesRuntimeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in {@code k8s/} as a set: each file parses into objects fabric8 knows, the kustomization applies all
 * of them, everything one object names exists in the set, and the probes, replicas, requests and affinity are what
 * docs/operations.md says.
 */
class ManifestsTest {

    private static final String NAMESPACE = "gantry";
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    private final List<Manifest> objects = Manifests.objects();

    @Test
    void everyFileParsesIntoKnownKindsInGantrysNamespace() {
        assertThat(Manifests.files()).contains(Manifests.KUSTOMIZATION).hasSizeGreaterThan(1);
        for (Manifest manifest : objects) {
            HasMetadata object = manifest.object();
            assertThat(object.getMetadata().getName()).as(manifest.file()).isNotBlank();
            boolean clusterScoped = object instanceof Namespace || object instanceof ClusterRole
                    || object instanceof ClusterRoleBinding;
            assertThat(object.getMetadata().getNamespace()).as(manifest.file() + " " + object.getKind() + " "
                    + object.getMetadata().getName()).isEqualTo(clusterScoped ? null : NAMESPACE);
        }
        assertThat(Manifests.find(objects, Namespace.class, NAMESPACE)).isPresent();
    }

    @Test
    void theKustomizationListsExactlyTheFilesThere() {
        Map<String, Object> kustomization = Manifests.kustomization();
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        List<String> others = Manifests.files().stream().filter(file -> !file.equals(Manifests.KUSTOMIZATION))
                .toList();
        assertThat(resources).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void everySecretConfigMapAndKeyTheWorkloadsReadExists() {
        for (PodTemplateSpec template : podTemplates()) {
            for (Container container : containers(template.getSpec())) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secretKey = env.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        assertThat(secretKeys(secretKey.getName())).as(env.getName())
                                .contains(secretKey.getKey());
                    }
                    var configKey = env.getValueFrom().getConfigMapKeyRef();
                    if (configKey != null) {
                        assertThat(configMap(configKey.getName()).getData()).as(env.getName())
                                .containsKey(configKey.getKey());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        configMap(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        secretKeys(from.getSecretRef().getName());
                    }
                }
            }
        }
    }

    @Test
    void everyVolumeServiceAccountAndServiceNameExists() {
        for (Deployment deployment : Manifests.all(objects, Deployment.class)) {
            checkPodSpec(deployment.getSpec().getTemplate().getSpec(), Set.of());
        }
        for (StatefulSet set : Manifests.all(objects, StatefulSet.class)) {
            Set<String> claimed = new HashSet<>();
            set.getSpec().getVolumeClaimTemplates().forEach(claim -> claimed.add(claim.getMetadata().getName()));
            checkPodSpec(set.getSpec().getTemplate().getSpec(), claimed);
            Service governing = service(set.getSpec().getServiceName());
            assertThat(governing.getSpec().getSelector()).as("Service " + governing.getMetadata().getName())
                    .isEqualTo(set.getSpec().getSelector().getMatchLabels());
        }
    }

    private void checkPodSpec(PodSpec pod, Set<String> claimTemplates) {
        String account = pod.getServiceAccountName();
        if (account != null) {
            assertThat(Manifests.find(objects, ServiceAccount.class, account)).as("ServiceAccount " + account)
                    .isPresent();
        }
        Set<String> volumes = new HashSet<>(claimTemplates);
        for (Volume volume : pod.getVolumes()) {
            volumes.add(volume.getName());
            if (volume.getSecret() != null) {
                secretKeys(volume.getSecret().getSecretName());
            }
            if (volume.getConfigMap() != null) {
                configMap(volume.getConfigMap().getName());
            }
            if (volume.getPersistentVolumeClaim() != null) {
                String claim = volume.getPersistentVolumeClaim().getClaimName();
                assertThat(Manifests.find(objects, PersistentVolumeClaim.class, claim)).as("PVC " + claim)
                        .isPresent();
            }
        }
        for (Container container : containers(pod)) {
            container.getVolumeMounts().forEach(mount -> assertThat(volumes).as(container.getName() + " mounts")
                    .contains(mount.getName()));
        }
    }

    @Test
    void everyBindingNamesARoleAndAnAccountOfTheSet() {
        List<RoleRef> roles = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        Manifests.all(objects, ClusterRoleBinding.class).forEach(binding -> {
            roles.add(binding.getRoleRef());
            subjects.addAll(binding.getSubjects());
        });
        Manifests.all(objects, RoleBinding.class).forEach(binding -> {
            roles.add(binding.getRoleRef());
            subjects.addAll(binding.getSubjects());
        });
        assertThat(roles).isNotEmpty();
        for (RoleRef role : roles) {
            Class<? extends HasMetadata> kind = role.getKind().equals("ClusterRole") ? ClusterRole.class : Role.class;
            assertThat(Manifests.find(objects, kind, role.getName())).as(role.getKind() + " " + role.getName())
                    .isPresent();
        }
        for (Subject subject : subjects) {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
            assertThat(Manifests.find(objects, ServiceAccount.class, subject.getName()))
                    .as("ServiceAccount " + subject.getName()).isPresent();
        }
    }

    @Test
    void everyServiceSelectsPodsOfTheSetOnPortsTheyHave() {
        for (Service service : Manifests.all(objects, Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<PodTemplateSpec> selected = podTemplates().stream()
                    .filter(template -> template.getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as("pods of Service " + service.getMetadata().getName()).isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort())
                        : port.getTargetPort();
                for (PodTemplateSpec template : selected) {
                    assertThat(hasPort(template.getSpec(), target)).as(service.getMetadata().getName() + " → "
                            + target).isTrue();
                }
            }
        }
        for (PodDisruptionBudget budget : Manifests.all(objects, PodDisruptionBudget.class)) {
            assertThat(Manifests.all(objects, Deployment.class)).as("Deployment of " + budget.getMetadata().getName())
                    .anyMatch(deployment -> deployment.getSpec().getSelector().getMatchLabels()
                            .equals(budget.getSpec().getSelector().getMatchLabels()));
        }
    }

    @Test
    void gantryRunsTwoReplicasWithTheKubernetesRuntimeAndSessionAffinity() {
        Deployment gantry = Manifests.find(objects, Deployment.class, "gantry").orElseThrow();
        assertThat(gantry.getSpec().getReplicas()).isEqualTo(2);
        Container container = gantry.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String configMap = container.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null)
                .map(from -> from.getConfigMapRef().getName()).findFirst().orElseThrow();
        assertThat(configMap(configMap).getData()).containsEntry("GANTRY_RUNTIME_TYPE", "kubernetes")
                .containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("GANTRY_DB_URL", "GANTRY_DB_USER", "GANTRY_DB_PASSWORD", "GANTRY_SECRET_KEY",
                        "GANTRY_ADMIN_INITIAL_PASSWORD");
        // A workload's NetworkPolicy lets Gantry's proxy reach its Jupyter by this label on Gantry's Pods.
        assertThat(gantry.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(KubernetesObjects.GANTRY_APP_LABEL, KubernetesObjects.GANTRY_APP);
        Service service = service("gantry");
        assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(service.getSpec().getSelector())
                .isEqualTo(gantry.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theConfigMapsNamesSetTheSettingsTheySeemTo() throws IOException {
        Map<String, String> data = configMap("gantry-config").getData();
        // As Spring Boot reads the environment: the variables as the system environment (the source's name is what
        // makes Spring Boot map names the environment's way).
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.copyOf(data)));
        ConfigurationPropertySources.attach(environment);
        assertThat(environment.getProperty("gantry.runtime.type")).isEqualTo("kubernetes");
        assertThat(environment.getProperty("spring.profiles.active")).isEqualTo("postgres");
        assertThat(environment.getProperty("gantry.jupyter.host")).isEqualTo(data.get("GANTRY_JUPYTER_HOST"));
        assertThat(environment.getProperty("gantry.billing.demo-project.enabled")).isEqualTo("false");
        KubernetesRuntimeProperties runtime = Binder.get(environment)
                .bind("gantry.runtime.kubernetes", KubernetesRuntimeProperties.class).get();
        assertThat(runtime.namespacePrefix()).isEqualTo(data.get("GANTRY_RUNTIME_KUBERNETES_NAMESPACEPREFIX"));
        assertThat(runtime.serviceType().name()).isEqualTo(data.get("GANTRY_RUNTIME_KUBERNETES_SERVICETYPE"));
        assertThat(runtime.workspaceSize()).isEqualTo(data.get("GANTRY_RUNTIME_KUBERNETES_WORKSPACESIZE"));
        // Every variable of the ConfigMap names a setting Gantry has (a misspelt one would silently do nothing).
        for (String name : data.keySet()) {
            assertThat(name).matches("SPRING_PROFILES_ACTIVE|GANTRY_RUNTIME_TYPE|GANTRY_JUPYTER_HOST"
                    + "|GANTRY_BILLING_DEMOPROJECT_ENABLED|GANTRY_CLUSTER_(SIMULATEDNODES|IMAGES)"
                    + "|GANTRY_RUNTIME_KUBERNETES_(NAMESPACEPREFIX|SERVICETYPE"
                    + "|STORAGECLASS|WORKSPACESIZE|WORKSPACEPATH|JOBTTL|ORPHANGRACE|IMAGEBUILDER|MASTERURL)");
        }
        // Behind the environment, application.yaml's demo inventory: the empty variables replace its simulated nodes
        // and images, its specs stay.
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                new FileSystemResource("src/main/resources/application.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        ClusterProperties cluster = Binder.get(environment).bind("gantry.cluster", ClusterProperties.class).get();
        assertThat(cluster.simulatedNodes()).isEmpty();
        assertThat(cluster.images()).isEmpty();
        assertThat(cluster.specs()).isNotEmpty();
    }

    @Test
    void everyContainerRequestsCpuAndMemory() {
        for (PodTemplateSpec template : podTemplates()) {
            for (Container container : containers(template.getSpec())) {
                assertThat(container.getResources().getRequests()).as(container.getName())
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
            }
        }
    }

    @Test
    void probesCallSpringBootsHealthGroupsOnAPortOfTheContainer() throws IOException {
        Container gantry = Manifests.find(objects, Deployment.class, "gantry").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().getFirst();
        HTTPGetAction liveness = httpGet(gantry.getLivenessProbe());
        HTTPGetAction readiness = httpGet(gantry.getReadinessProbe());
        assertThat(liveness.getPath()).isEqualTo(LIVENESS);
        assertThat(readiness.getPath()).isEqualTo(READINESS);
        if (gantry.getStartupProbe() != null) {
            assertThat(httpGet(gantry.getStartupProbe()).getPath()).isEqualTo(LIVENESS);
        }
        for (Probe probe : Stream.of(gantry.getLivenessProbe(), gantry.getReadinessProbe(), gantry.getStartupProbe())
                .filter(p -> p != null).toList()) {
            assertThat(hasPort(containers(Manifests.find(objects, Deployment.class, "gantry").orElseThrow()
                    .getSpec().getTemplate().getSpec()), probe.getHttpGet().getPort())).isTrue();
        }
        // The groups exist because application.yaml enables them and exposes the health endpoint over HTTP
        // (HealthProbesTest calls them in the running application).
        Map<String, Object> management = applicationYaml("management");
        assertThat(at(management, "endpoint", "health", "probes", "enabled")).isEqualTo(true);
        assertThat(at(management, "endpoints", "web", "exposure", "include")).isEqualTo("health");
        // The port the application listens on: server.port ${PORT:8080}.
        assertThat(gantry.getPorts()).extracting(ContainerPort::getContainerPort).contains(8080);
    }

    @Test
    void theImageRunsAsTheAccountTheDeploymentExpects() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
        assertThat(user.find()).as("a numeric USER in the Dockerfile").isTrue();
        var context = Manifests.find(objects, Deployment.class, "gantry").orElseThrow()
                .getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getRunAsUser()).isEqualTo(Long.parseLong(user.group(1)));
        assertThat(context.getRunAsGroup()).isEqualTo(Long.parseLong(user.group(2)));
        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre");
    }

    private List<PodTemplateSpec> podTemplates() {
        List<PodTemplateSpec> templates = new ArrayList<>();
        Manifests.all(objects, Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        Manifests.all(objects, StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        assertThat(templates).isNotEmpty();
        return templates;
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all;
    }

    private static boolean hasPort(PodSpec pod, IntOrString port) {
        return pod.getContainers().stream().flatMap(container -> container.getPorts().stream())
                .anyMatch(declared -> port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
                        : port.getIntVal().equals(declared.getContainerPort()));
    }

    private static boolean hasPort(List<Container> containers, IntOrString port) {
        PodSpec pod = new PodSpec();
        pod.setContainers(containers);
        return hasPort(pod, port);
    }

    private static HTTPGetAction httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        return probe.getHttpGet();
    }

    private Set<String> secretKeys(String name) {
        Secret secret = Manifests.find(objects, Secret.class, name).orElse(null);
        assertThat(secret).as("Secret " + name).isNotNull();
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private ConfigMap configMap(String name) {
        ConfigMap configMap = Manifests.find(objects, ConfigMap.class, name).orElse(null);
        assertThat(configMap).as("ConfigMap " + name).isNotNull();
        return configMap;
    }

    private Service service(String name) {
        Service service = Manifests.find(objects, Service.class, name).orElse(null);
        assertThat(service).as("Service " + name).isNotNull();
        return service;
    }

    /** A top-level section of the first document of src/main/resources/application.yaml. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYaml(String section) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
            Map<String, Object> first = (Map<String, Object>) new Yaml().loadAll(in).iterator().next();
            return (Map<String, Object>) first.get(section);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }
}
