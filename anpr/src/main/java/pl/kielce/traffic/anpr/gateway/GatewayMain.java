package pl.kielce.traffic.anpr.gateway;

import pl.kielce.traffic.anpr.recognition.PlateRecognizer;
import pl.kielce.traffic.events.Topics;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code serve [--port N] [--kafka HOST:PORT] [--cameras FILE] [--evidence DIR] [--ttl-minutes N] [--max-bytes N]}. */
public final class GatewayMain {
    private GatewayMain() {
    }

    static String opt(List<String> args, String name, String def) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : def;
    }

    public static int main(List<String> args) throws Exception {
        String root = System.getProperty("traffic.root", System.getenv().getOrDefault("TRAFFIC_ROOT", "."));
        int port = Integer.parseInt(opt(args, "--port", "8088"));
        String kafka = opt(args, "--kafka", System.getenv().getOrDefault("TRAFFIC_KAFKA_BOOTSTRAP", "localhost:59092"));
        Path cameras = Path.of(opt(args, "--cameras", root + "/cities/kielce/cameras.geojson"));
        Path evidenceDir = Path.of(opt(args, "--evidence", root + "/.traffic/evidence"));
        Duration ttl = Duration.ofMinutes(Long.parseLong(opt(args, "--ttl-minutes", "10")));
        long maxBytes = Long.parseLong(opt(args, "--max-bytes", String.valueOf(8L << 20)));
        int cores = Runtime.getRuntime().availableProcessors();

        CameraRegistry registry = CameraRegistry.fromGeoJson(cameras);
        EvidenceStore store = new EvidenceStore(evidenceDir, ttl, Clock.systemUTC());
        PlateRecognizer recognizer = PlateRecognizer.createDefault(cores);
        KafkaReadPublisher publisher = new KafkaReadPublisher(kafka, Topics.ANPR_READS);
        CameraGateway gateway = new CameraGateway(registry, recognizer, store, publisher, maxBytes, CameraGateway.randomIds());
        GatewayServer server = new GatewayServer(gateway, new InetSocketAddress(port), cores).start();
        ClaimListener claims = new ClaimListener(kafka, Topics.EVIDENCE_CLAIMS, "anpr-evidence", store);
        Thread claimThread = new Thread(claims, "evidence-claims");
        claimThread.setDaemon(true);
        claimThread.start();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                store.sweep();
            } catch (Exception e) {
                System.err.println("evidence sweep failed: " + e.getMessage());
            }
        }, 30, 30, TimeUnit.SECONDS);
        System.err.printf("anpr gateway on http://localhost:%d/api/cameras/{cameraId}/images (%d cameras, kafka %s,"
                + " evidence %s, ttl %s)%n", server.port(), registry.size(), kafka, evidenceDir, ttl);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            claims.close();
            sweeper.shutdownNow();
            publisher.close();
            recognizer.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
