package pl.kielce.traffic.deploy.check;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment manifests of the repository, checked as a person applying them would need them to be. */
class ManifestsTest {
    private static ManifestCheck check;
    private static final Map<String, List<Object>> K8S = new LinkedHashMap<>();
    private static List<Object> compose;
    private static final List<String> PARSE_PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void load() {
        Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        check = ManifestCheck.forCheckout(root);
        for (Path f : check.k8sFiles()) {
            K8S.put(f.getFileName().toString(), ManifestCheck.documents(ManifestCheck.read(f), f.getFileName().toString(), PARSE_PROBLEMS));
        }
        compose = ManifestCheck.documents(ManifestCheck.read(check.composeFile()), "compose.yaml", PARSE_PROBLEMS);
    }

    private static List<Object> allK8s() {
        return K8S.values().stream().flatMap(List::stream).toList();
    }

    @Test
    void everyManifestParsesAndNamesItsKind() {
        assertThat(PARSE_PROBLEMS).isEmpty();
        assertThat(K8S).containsKeys("10-postgis.yaml", "20-kafka.yaml", "40-services.yaml");
        List<String> problems = new ArrayList<>();
        K8S.forEach((name, docs) -> problems.addAll(check.checkK8sShape(name, docs)));
        assertThat(problems).isEmpty();
        assertThat(compose).hasSize(1);
    }

    @Test
    void everyImageIsBuiltByADockerfileOrPinned() {
        List<String> problems = new ArrayList<>();
        K8S.forEach((name, docs) -> problems.addAll(check.checkImages(name, ManifestCheck.images(docs))));
        problems.addAll(check.checkImages("compose.yaml", ManifestCheck.images(compose)));
        assertThat(problems).isEmpty();
        assertThat(ManifestCheck.images(allK8s())).contains("kielce-traffic/flink-jobs:0.1.0-SNAPSHOT",
                "kielce-traffic/operator-console:0.1.0-SNAPSHOT", "kielce-traffic/camera-gateway:0.1.0-SNAPSHOT",
                "kielce-traffic/journey-planner:0.1.0-SNAPSHOT");
    }

    @Test
    void everyDockerfileCopiesOnlyBuildOutputsAndRepositoryFiles() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(check.root().resolve("deploy/docker"))) {
            files.filter(p -> p.toString().endsWith(".Dockerfile")).forEach(p -> problems.addAll(check.checkDockerfile(p)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void oneFlinkDeploymentPerJobWithCheckpointsSavepointUpgradesAndHa() {
        List<String> problems = new ArrayList<>();
        List<Object> jobs = new ArrayList<>();
        K8S.forEach((name, docs) -> docs.stream().map(ManifestCheck::asMap)
                .filter(m -> "FlinkDeployment".equals(m.get("kind")))
                .forEach(m -> {
                    problems.addAll(check.checkFlinkDeployment(name, m));
                    jobs.add(((List<?>) ManifestCheck.path(m, "spec", "job", "args")).get(0));
                }));
        assertThat(problems).isEmpty();
        assertThat(jobs).containsExactlyInAnyOrder("ctz-enforcement", "passage-counts", "signal-timing", "transit-adherence");
    }

    @Test
    void everyTopicHasAProductionKafkaTopic() {
        assertThat(ManifestCheck.checkTopics(Topics.ALL, allK8s())).isEmpty();
        // the single-host compose file creates every topic too
        String init = String.valueOf(ManifestCheck.path(ManifestCheck.asMap(compose.get(0)), "services", "kafka-init", "command"));
        assertThat(Topics.ALL).allSatisfy(t -> assertThat(init).contains(" " + t + ":"));
    }

    @Test
    void servicesHaveProbesAndResourceRequests() {
        List<String> problems = new ArrayList<>();
        K8S.forEach((name, docs) -> problems.addAll(ManifestCheck.checkWorkloads(name, docs)));
        assertThat(problems).isEmpty();
    }

    @Test
    void noSecretIsInlined() {
        List<String> problems = new ArrayList<>();
        K8S.forEach((name, docs) -> problems.addAll(ManifestCheck.checkNoInlinedSecrets(name, docs)));
        problems.addAll(ManifestCheck.checkNoInlinedSecrets("compose.yaml", compose));
        assertThat(problems).isEmpty();
    }

    // ---- the checks catch what they should (so the tests above can fail)

    @Test
    void inlinedSecretsAreFound() {
        List<String> parse = new ArrayList<>();
        List<Object> bad = ManifestCheck.documents("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: hunter2}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          image: kielce-traffic/nothing:1
                          env:
                            - {name: DB_PASSWORD, value: hunter2}
                            - {name: DB_URL, value: "jdbc:postgresql://db/x?user=a&password=hunter2"}
                            - {name: OK_PASSWORD, value: "$(FROM_SECRET)"}
                """, "bad.yaml", parse);
        assertThat(parse).isEmpty();
        List<String> problems = ManifestCheck.checkNoInlinedSecrets("bad.yaml", bad);
        assertThat(problems).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("Secret db carries values"))
                .anySatisfy(p -> assertThat(p).contains("env DB_PASSWORD"))
                .anySatisfy(p -> assertThat(p).contains("password inlined in a URL"));
        assertThat(ManifestCheck.checkWorkloads("bad.yaml", bad)).hasSize(3); // no probes, no requests
        assertThat(check.checkImages("bad.yaml", ManifestCheck.images(bad)))
                .anySatisfy(p -> assertThat(p).contains("has no Dockerfile"))
                .anySatisfy(p -> assertThat(p).contains("project version"));
        assertThat(check.checkImages("bad.yaml", List.of("postgres:latest", "redis"))).hasSize(2);
    }

    @Test
    void missingTopicsAndUnbuiltArtifactsAreFound() throws IOException {
        List<String> parse = new ArrayList<>();
        List<Object> topics = ManifestCheck.documents("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: anpr-reads}
                spec: {topicName: anpr.reads, partitions: 3, replicas: 1}
                """, "t.yaml", parse);
        assertThat(ManifestCheck.checkTopics(List.of("anpr.reads", "ctz.violations"), topics))
                .anySatisfy(p -> assertThat(p).contains("ctz.violations").contains("no KafkaTopic"))
                .anySatisfy(p -> assertThat(p).contains("replicas must be at least 3"));

        Path dir = Files.createTempDirectory("deploy-check");
        Path dockerfile = dir.resolve("x.Dockerfile");
        Files.writeString(dockerfile, """
                FROM maven:3.9 AS build
                RUN ./mvnw -pl anpr -am package
                COPY --from=build /src/anpr/target/anpr-9.9-all.jar /opt/x.jar
                COPY --from=build /src/nomodule/target/nomodule-0.1.0-SNAPSHOT.jar /opt/y.jar
                COPY no/such/folder /opt/z
                """);
        ManifestCheck inRepo = new ManifestCheck(check.root(), "0.1.0-SNAPSHOT", List.of("anpr", "events"));
        assertThat(inRepo.checkDockerfile(dockerfile)).hasSize(3);
    }
}
