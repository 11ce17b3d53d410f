package pl.kielce.traffic.anpr.gateway;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.anpr.TestData;
import pl.kielce.traffic.anpr.recognition.PlateRecognizer;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.EvidenceClaim;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The gateway against the real in-process Kafka broker, real Tesseract and OpenCV. */
@ExtendWith(KafkaBrokerExtension.class)
class CameraGatewayKafkaTest {
    static final String READS = "anpr.reads.gateway-test";
    static final String CLAIMS = "evidence.claims.gateway-test";
    static final long MAX_BYTES = 1_000_000;

    @TempDir
    static Path evidenceDir;
    static PlateRecognizer recognizer;
    static KafkaReadPublisher publisher;
    static GatewayServer server;
    static EvidenceStore store;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        KafkaBrokerExtension.createTopics(READS, CLAIMS);
        recognizer = PlateRecognizer.createDefault(1);
        publisher = new KafkaReadPublisher(KafkaBrokerExtension.bootstrapServers(), READS);
        store = new EvidenceStore(evidenceDir, Duration.ofMinutes(10), Clock.systemUTC());
        CameraRegistry cameras = CameraRegistry.fromGeoJson(TestData.repoRoot().resolve("cities/kielce/cameras.geojson"));
        CameraGateway gateway = new CameraGateway(cameras, recognizer, store, publisher, MAX_BYTES, CameraGateway.randomIds());
        server = new GatewayServer(gateway, new InetSocketAddress("127.0.0.1", 0), 2).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (recognizer != null) {
            recognizer.close();
        }
    }

    static HttpResponse<String> post(String camera, String type, String capturedAt, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/cameras/" + camera + "/images"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (capturedAt != null) {
            b.header("X-Captured-At", capturedAt);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badUploadsGetProblemJsonAndPublishNothing() throws Exception {
        String t = "2026-11-28T14:05:00+01:00";
        byte[] png = pngHeaderOnly();
        record Case(String camera, String type, String at, byte[] body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("NO-SUCH-CAM", "image/jpeg", t, png, 404, "cameraId"),
                new Case("KCE-CAM-01", "image/jpeg", t, new byte[0], 400, "body"),
                new Case("KCE-CAM-01", "image/jpeg", t, "definitely not a jpeg".getBytes(StandardCharsets.UTF_8), 400, "body"),
                new Case("KCE-CAM-01", "image/png", t, png, 400, "body"),
                new Case("KCE-CAM-01", "image/jpeg", t, new byte[(int) MAX_BYTES + 1], 413, "body"),
                new Case("KCE-CAM-01", "text/plain", t, png, 415, "Content-Type"),
                new Case("KCE-CAM-01", "image/jpeg", null, png, 400, "capturedAt"),
                new Case("KCE-CAM-01", "image/jpeg", "yesterday", png, 400, "capturedAt"));
        long storedBefore = pendingCount();
        for (Case c : cases) {
            HttpResponse<String> r = post(c.camera(), c.type(), c.at(), c.body());
            assertThat(r.statusCode()).as(c.toString()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"status\":" + c.status()).contains("\"field\":\"" + c.field() + "\"")
                    .contains("\"detail\":");
        }
        // other tests publish from KCE-CAM-03 and KCE-CAM-05; the refused uploads used KCE-CAM-01 and an unknown id
        assertThat(KafkaBrokerExtension.consumeFor(READS, Duration.ofSeconds(3)))
                .as("nothing is published for refused uploads")
                .noneSatisfy(rec -> assertThat(new String(rec.key(), StandardCharsets.UTF_8)).isIn("KCE-CAM-01", "NO-SUCH-CAM"));
        assertThat(pendingCount()).as("nothing is stored for refused uploads").isEqualTo(storedBefore);
    }

    static long pendingCount() throws java.io.IOException {
        try (var files = Files.list(evidenceDir.resolve("pending"))) {
            return files.filter(f -> f.toString().endsWith(".img")).count();
        }
    }

    @Test
    void replayFeedsAFolderThroughTheGateway(@TempDir Path folder) throws Exception {
        Path photos = TestData.plates("pl-dev");
        assumeTrue(TestData.present(photos), "plate photos absent (" + photos + "): skipping the replay");
        Files.copy(photos.resolve("100.jpg"), folder.resolve("a.jpg"));
        Files.copy(photos.resolve("101.jpg"), folder.resolve("b.jpg"));
        Files.writeString(folder.resolve("notes.txt"), "not a photo");
        int exit = Replay.main(List.of(folder.toString(), "--camera", "KCE-CAM-05", "--rate", "20",
                "--url", "http://127.0.0.1:" + server.port()));
        assertThat(exit).isZero();
        List<String> plates = KafkaBrokerExtension.consumeFor(READS, Duration.ofSeconds(5)).stream()
                .filter(rec -> new String(rec.key(), StandardCharsets.UTF_8).equals("KCE-CAM-05"))
                .map(rec -> EventCodec.decode(rec.value(), AnprRead.class).value().plate()).toList();
        assertThat(plates).containsExactly("SK321LE", "STA0461C");
    }

    @Test
    void aRealPhotoIsReadPublishedAndItsEvidenceClaimed() throws Exception {
        Path photos = TestData.plates("pl-dev");
        assumeTrue(TestData.present(photos), "plate photos absent (" + photos + "): skipping the end-to-end read");
        byte[] photo = Files.readAllBytes(photos.resolve("100.jpg"));
        HttpResponse<String> r = post("KCE-CAM-03", "image/jpeg", "2026-11-28T14:05:00+01:00", photo);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        List<ConsumerRecord<byte[], byte[]>> recs = KafkaBrokerExtension.consume(READS, 1, Duration.ofSeconds(30));
        assertThat(new String(recs.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("KCE-CAM-03");
        Decoded<AnprRead> d = EventCodec.decode(recs.get(0).value(), AnprRead.class);
        assertThat(d.isOk()).as(d.toString()).isTrue();
        AnprRead read = d.value();
        assertThat(read.plate()).isEqualTo("SK321LE");
        assertThat(read.cameraId()).isEqualTo("KCE-CAM-03");
        assertThat(read.capturedAt().toString()).isEqualTo("2026-11-28T14:05+01:00");
        assertThat(read.evidenceRef()).isEqualTo(EvidenceStore.refOf(photo));
        assertThat(read.plateBox()).isNotNull();
        assertThat(store.read(read.evidenceRef())).isPresent();
        assertThat(store.isClaimed(read.evidenceRef())).isFalse();

        // the enforcement job claims it: the listener moves it out of the time-to-live area
        try (ClaimListener claims = new ClaimListener(KafkaBrokerExtension.bootstrapServers(), CLAIMS, "anpr-test", store)) {
            Thread th = new Thread(claims);
            th.start();
            KafkaBrokerExtension.send(CLAIMS, read.evidenceRef(),
                    EventCodec.encode(new EvidenceClaim(read.evidenceRef(), "case-1", Instant.now())));
            KafkaBrokerExtension.send(CLAIMS, "junk", "{not json".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!store.isClaimed(read.evidenceRef()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(store.isClaimed(read.evidenceRef())).isTrue();
            while (claims.rejected() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(claims.rejected()).as("a malformed claim is skipped, not fatal").isEqualTo(1);
        }
    }

    /** A PNG signature followed by garbage: passes a naive type sniff, fails decoding. */
    private static byte[] pngHeaderOnly() {
        byte[] b = new byte[64];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(sig, 0, b, 0, sig.length);
        return b;
    }
}
