package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the SUMO command-line simulator as a process (no TraCI) and waits for it. */
public final class SumoRunner {
    private final String binary;
    private final Duration timeout;

    public SumoRunner(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** {@code $SUMO_BINARY}, else {@code $SUMO_HOME/bin/sumo} when it exists, else {@code sumo} on the PATH. */
    public static SumoRunner fromEnvironment(Duration timeout) {
        String explicit = System.getenv("SUMO_BINARY");
        if (explicit != null && !explicit.isBlank()) return new SumoRunner(explicit, timeout);
        String home = System.getenv("SUMO_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "sumo"))) {
            return new SumoRunner(Path.of(home, "bin", "sumo").toString(), timeout);
        }
        return new SumoRunner("sumo", timeout);
    }

    /** True when the binary starts (used by tests to skip when SUMO is absent). */
    public boolean available() {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code sumo -c config extraArgs…} in the config's folder; console output goes to
     * {@code logFile}. Throws with the log's tail when SUMO fails or exceeds the timeout.
     */
    public void run(Path config, List<String> extraArgs, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary, "-c", config.getFileName().toString()));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(config.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().putIfAbsent("SUMO_HOME", "/usr/share/sumo");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("SUMO did not finish within " + timeout + " on " + config + "; log: " + logFile);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while SUMO ran " + config, e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(logFile);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            throw new IOException("SUMO failed (exit " + p.exitValue() + ") on " + config + ":\n" + tail);
        }
    }
}
