package pl.kielce.traffic.deploy.check;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the deployment files of the repository: {@code deploy/k8s/*.yaml}, {@code deploy/compose/compose.yaml},
 * {@code deploy/docker/*.Dockerfile}. Every check returns problems as readable sentences (empty = fine), so a test
 * can show all of them at once and a negative test can feed in a broken manifest.
 */
public final class ManifestCheck {
    /** Our own images: {@code kielce-traffic/<name>:<version>}, built from {@code deploy/docker/<name>.Dockerfile}. */
    static final String OWN_IMAGE_PREFIX = "kielce-traffic/";
    private static final Pattern COPY_FROM_BUILD = Pattern.compile("^COPY\\s+--from=build\\s+/src/(\\S+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern COPY_LOCAL = Pattern.compile("^COPY\\s+(?!--)(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern MAVEN_PL = Pattern.compile("-pl\\s+(\\S+)");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|credentials?)$");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)password=([^&\\s\"']*)");

    private final Path root;
    private final String version;
    private final List<String> modules;

    /**
     * @param root    checkout root (with pom.xml and deploy/)
     * @param version project version (the tag of our images, the version in artifact names)
     * @param modules reactor modules of the root pom
     */
    public ManifestCheck(Path root, String version, List<String> modules) {
        this.root = root;
        this.version = version;
        this.modules = List.copyOf(modules);
    }

    /** Reads version and modules from the root pom (plain text: the pom is ours and simple). */
    public static ManifestCheck forCheckout(Path root) {
        String pom = read(root.resolve("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>traffic-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!v.find()) {
            throw new IllegalStateException("no traffic-parent version in " + root.resolve("pom.xml"));
        }
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return new ManifestCheck(root, v.group(1).trim(), modules);
    }

    // ---------------------------------------------------------------- parsing

    /** Every YAML document of a file; a parse error is a problem, not an exception. */
    public static List<Object> documents(String text, String name, List<String> problems) {
        List<Object> docs = new ArrayList<>();
        try {
            for (Object d : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (d != null) {
                    docs.add(d);
                }
            }
        } catch (RuntimeException e) {
            problems.add(name + " does not parse as YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return docs;
    }

    public List<Path> k8sFiles() {
        try (Stream<Path> s = Files.list(root.resolve("deploy/k8s"))) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path composeFile() {
        return root.resolve("deploy/compose/compose.yaml");
    }

    /** Kubernetes resources: each must have apiVersion, kind, metadata.name. */
    public List<String> checkK8sShape(String name, List<Object> docs) {
        List<String> problems = new ArrayList<>();
        for (Object d : docs) {
            Map<?, ?> m = asMap(d);
            if (m == null || !(m.get("apiVersion") instanceof String) || !(m.get("kind") instanceof String)
                    || asMap(m.get("metadata")) == null || !(asMap(m.get("metadata")).get("name") instanceof String)) {
                problems.add(name + ": a document without apiVersion/kind/metadata.name: " + abbreviate(d));
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- images, jars, configs

    /** Every {@code image:} value anywhere in the documents. */
    public static List<String> images(List<Object> docs) {
        List<String> out = new ArrayList<>();
        walk(docs, (key, value) -> {
            if ("image".equals(key) && value instanceof String s) {
                out.add(s);
            }
        });
        return out;
    }

    /** Our images must have a Dockerfile and the project version as tag; others must be pinned (not latest). */
    public List<String> checkImages(String name, Collection<String> images) {
        List<String> problems = new ArrayList<>();
        for (String image : images) {
            int colon = image.lastIndexOf(':');
            String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
            if (image.startsWith(OWN_IMAGE_PREFIX)) {
                String repo = image.substring(OWN_IMAGE_PREFIX.length(), colon > 0 ? colon : image.length());
                if (!Files.isRegularFile(dockerfile(repo))) {
                    problems.add(name + ": image " + image + " has no Dockerfile " + root.relativize(dockerfile(repo)));
                }
                if (!version.equals(tag)) {
                    problems.add(name + ": image " + image + " must be tagged with the project version " + version);
                }
            } else if (tag.isEmpty() || "latest".equals(tag)) {
                problems.add(name + ": third-party image " + image + " is not pinned to a version tag");
            }
        }
        return problems;
    }

    Path dockerfile(String imageName) {
        return root.resolve("deploy/docker/" + imageName + ".Dockerfile");
    }

    /**
     * A Dockerfile may copy (a) an artifact of a reactor module, {@code /src/<module>/target/<artifactId>-<version>…}
     * or {@code /src/<module>/target/lib} (dependencies copied by the same build), after building that module with
     * {@code -pl <module>}; (b) a path that exists in the repository.
     */
    public List<String> checkDockerfile(Path dockerfile) {
        List<String> problems = new ArrayList<>();
        String name = root.relativize(dockerfile).toString();
        String text = read(dockerfile);
        Set<String> built = new LinkedHashSet<>();
        Matcher pl = MAVEN_PL.matcher(text);
        while (pl.find()) {
            built.add(pl.group(1));
            if (!modules.contains(pl.group(1))) {
                problems.add(name + ": builds -pl " + pl.group(1) + ", which is not a module of the root pom " + modules);
            }
        }
        Matcher c = COPY_FROM_BUILD.matcher(text);
        while (c.find()) {
            String path = c.group(1);
            String[] parts = path.split("/");
            if (parts.length < 3 || !"target".equals(parts[1])) {
                problems.add(name + ": copies " + path + " from the build stage, which is not a module's target/ output");
                continue;
            }
            String module = parts[0];
            if (!modules.contains(module) || !built.contains(module)) {
                problems.add(name + ": copies " + path + " but module " + module + " is not built here (-pl) or not in the reactor");
            }
            String artifact = parts[2];
            boolean isArtifact = artifact.startsWith(module + "-" + version) && artifact.endsWith(".jar");
            boolean isLib = "lib".equals(artifact) && text.contains("dependency:copy-dependencies") && text.contains("target/lib");
            if (!isArtifact && !isLib) {
                problems.add(name + ": copies " + path + ", which the build of " + module + " does not produce "
                        + "(expected " + module + "-" + version + "*.jar)");
            }
        }
        Matcher l = COPY_LOCAL.matcher(text);
        while (l.find()) {
            String src = l.group(1);
            if (!".".equals(src) && !Files.exists(root.resolve(src))) {
                problems.add(name + ": copies " + src + ", which is not in the repository");
            }
        }
        return problems;
    }

    /** Destinations of {@code COPY} lines of a Dockerfile (what the image contains). */
    public Set<String> copyDestinations(Path dockerfile) {
        Set<String> out = new LinkedHashSet<>();
        String text = read(dockerfile);
        for (Pattern p : List.of(COPY_FROM_BUILD, COPY_LOCAL)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /**
     * A FlinkDeployment runs a jar its image contains, an entry class of stream-jobs, a job that class knows
     * (registered in LocalJobsMain), with checkpoints, savepoint upgrades and HA.
     */
    public List<String> checkFlinkDeployment(String name, Map<?, ?> doc) {
        List<String> problems = new ArrayList<>();
        Map<?, ?> spec = asMap(doc.get("spec"));
        Map<?, ?> job = spec == null ? null : asMap(spec.get("job"));
        Map<?, ?> conf = spec == null ? null : asMap(spec.get("flinkConfiguration"));
        if (spec == null || job == null || conf == null) {
            return List.of(name + ": FlinkDeployment without spec.job / spec.flinkConfiguration");
        }
        String image = String.valueOf(spec.get("image"));
        String imageName = image.startsWith(OWN_IMAGE_PREFIX) ? image.substring(OWN_IMAGE_PREFIX.length()).replaceAll(":.*", "") : "";
        String jar = String.valueOf(job.get("jarURI"));
        if (!jar.startsWith("local://")) {
            problems.add(name + ": jarURI " + jar + " must be local:// (baked into the image)");
        } else if (imageName.isEmpty() || !Files.isRegularFile(dockerfile(imageName))
                || !copyDestinations(dockerfile(imageName)).contains(jar.substring("local://".length()))) {
            problems.add(name + ": jarURI " + jar + " is not copied into image " + image + " by its Dockerfile");
        }
        String entry = String.valueOf(job.get("entryClass"));
        Path source = root.resolve("stream-jobs/src/main/java/" + entry.replace('.', '/') + ".java");
        if (!Files.isRegularFile(source)) {
            problems.add(name + ": entryClass " + entry + " is not a class of stream-jobs (" + root.relativize(source) + ")");
        }
        Object args = job.get("args");
        String jobsMain = read(root.resolve("stream-jobs/src/main/java/pl/kielce/traffic/streams/LocalJobsMain.java"));
        if (!(args instanceof List<?> list) || list.size() != 1 || !jobsMain.contains("JOBS.put(\"" + list.get(0) + "\"")) {
            problems.add(name + ": job.args " + args + " must name one job registered in LocalJobsMain.JOBS");
        }
        if (!"savepoint".equals(job.get("upgradeMode"))) {
            problems.add(name + ": job.upgradeMode must be savepoint, was " + job.get("upgradeMode"));
        }
        for (String key : List.of("execution.checkpointing.interval", "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir", "high-availability.type", "high-availability.storageDir")) {
            if (conf.get(key) == null) {
                problems.add(name + ": flinkConfiguration has no " + key);
            }
        }
        return problems;
    }

    /** Every topic of the platform has a KafkaTopic with replication for production (≥ 3, min ISR 2). */
    public static List<String> checkTopics(Collection<String> topics, List<Object> docs) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<?, ?>> declared = new LinkedHashMap<>();
        for (Object d : docs) {
            Map<?, ?> m = asMap(d);
            if (m != null && "KafkaTopic".equals(m.get("kind"))) {
                Map<?, ?> spec = asMap(m.get("spec"));
                String topic = spec != null && spec.get("topicName") != null ? String.valueOf(spec.get("topicName"))
                        : String.valueOf(asMap(m.get("metadata")).get("name"));
                declared.put(topic, spec);
            }
        }
        for (String t : topics) {
            Map<?, ?> spec = declared.get(t);
            if (spec == null) {
                problems.add("topic " + t + " (events Topics.ALL) has no KafkaTopic in deploy/k8s");
                continue;
            }
            if (!(spec.get("partitions") instanceof Integer p) || p < 1) {
                problems.add("KafkaTopic " + t + ": partitions missing");
            }
            if (!(spec.get("replicas") instanceof Integer r) || r < 3) {
                problems.add("KafkaTopic " + t + ": replicas must be at least 3 for production, was " + spec.get("replicas"));
            }
            Map<?, ?> config = asMap(spec.get("config"));
            if (config == null || !Integer.valueOf(2).equals(config.get("min.insync.replicas"))) {
                problems.add("KafkaTopic " + t + ": config min.insync.replicas must be 2");
            }
        }
        for (String t : declared.keySet()) {
            if (!topics.contains(t)) {
                problems.add("KafkaTopic " + t + " is not a topic of events Topics.ALL");
            }
        }
        return problems;
    }

    /** Deployments: every container has readiness and liveness probes and resource requests. */
    public static List<String> checkWorkloads(String name, List<Object> docs) {
        List<String> problems = new ArrayList<>();
        for (Object d : docs) {
            Map<?, ?> m = asMap(d);
            if (m == null || !List.of("Deployment", "StatefulSet").contains(m.get("kind"))) {
                continue;
            }
            String res = m.get("kind") + " " + asMap(m.get("metadata")).get("name");
            Map<?, ?> podSpec = asMap(path(m, "spec", "template", "spec"));
            Object containers = podSpec == null ? null : podSpec.get("containers");
            if (!(containers instanceof List<?> list) || list.isEmpty()) {
                problems.add(name + ": " + res + " has no containers");
                continue;
            }
            for (Object c : list) {
                Map<?, ?> cm = asMap(c);
                String cn = res + "/" + cm.get("name");
                if (cm.get("readinessProbe") == null) problems.add(name + ": " + cn + " has no readinessProbe");
                if (cm.get("livenessProbe") == null) problems.add(name + ": " + cn + " has no livenessProbe");
                if (asMap(path(cm, "resources", "requests")) == null) problems.add(name + ": " + cn + " has no resources.requests");
            }
        }
        return problems;
    }

    /**
     * No secret value in a manifest: no Secret resource with data, every credential-like env var comes from a secret
     * reference (k8s {@code valueFrom.secretKeyRef}) or a variable ({@code ${VAR}} in compose, {@code $(VAR)} in k8s),
     * and a {@code password=} inside a URL is such a reference too.
     */
    public static List<String> checkNoInlinedSecrets(String name, List<Object> docs) {
        List<String> problems = new ArrayList<>();
        for (Object d : docs) {
            Map<?, ?> m = asMap(d);
            if (m != null && "Secret".equals(m.get("kind")) && (m.get("data") != null || m.get("stringData") != null)) {
                problems.add(name + ": Secret " + asMap(m.get("metadata")).get("name") + " carries values; create secrets out of band");
            }
        }
        walk(docs, (key, value) -> {
            if ("env".equals(key) && value instanceof List<?> envs) {          // k8s: [{name, value|valueFrom}]
                for (Object e : envs) {
                    Map<?, ?> em = asMap(e);
                    if (em != null && em.get("name") instanceof String n) {
                        checkEnvValue(name, n, em.get("value"), problems);
                    }
                }
            } else if (("environment".equals(key) || "env".equals(key)) && value instanceof Map<?, ?> envs) { // compose
                envs.forEach((n, v) -> checkEnvValue(name, String.valueOf(n), v, problems));
            } else if (value instanceof String s) {
                Matcher pw = PASSWORD_IN_URL.matcher(s);
                while (pw.find()) {
                    if (!isReference(pw.group(1))) {
                        problems.add(name + ": " + key + " has a password inlined in a URL");
                    }
                }
            }
        });
        return problems;
    }

    private static void checkEnvValue(String file, String envName, Object value, List<String> problems) {
        if (value == null) {
            return; // valueFrom (secretKeyRef) or unset
        }
        String s = String.valueOf(value);
        if (SECRET_NAME.matcher(envName).matches() && !s.isEmpty() && !isReference(s)) {
            problems.add(file + ": env " + envName + " has an inlined value; use a secretKeyRef or ${VARIABLE}");
        }
    }

    private static boolean isReference(String s) {
        return s.startsWith("$(") || s.startsWith("${");
    }

    // ---------------------------------------------------------------- helpers

    interface Visitor {
        void visit(Object key, Object value);
    }

    static void walk(Object node, Visitor v) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, val) -> {
                v.visit(k, val);
                walk(val, v);
            });
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                walk(o, v);
            }
        }
    }

    static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : null;
    }

    static Object path(Map<?, ?> m, String... keys) {
        Object cur = m;
        for (String k : keys) {
            Map<?, ?> cm = asMap(cur);
            if (cm == null) {
                return null;
            }
            cur = cm.get(k);
        }
        return cur;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    public Path root() {
        return root;
    }
}
