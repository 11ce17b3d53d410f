package pl.kielce.traffic.anpr.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** {@code replay DIR --camera ID --rate N [--url URL]}: posts every JPEG/PNG of a folder to the gateway at N photos/s. */
public final class Replay {
    private Replay() {
    }

    public static int main(List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            System.err.println("usage: anpr replay DIR --camera ID --rate N [--url http://localhost:8088]");
            return 2;
        }
        Path dir = Path.of(args.get(0));
        String camera = GatewayMain.opt(args, "--camera", null);
        double rate = Double.parseDouble(GatewayMain.opt(args, "--rate", "2"));
        String url = GatewayMain.opt(args, "--url", "http://localhost:8088");
        if (camera == null) {
            System.err.println("replay: --camera ID is required");
            return 2;
        }
        if (!(rate > 0)) {
            System.err.println("replay: --rate must be positive");
            return 2;
        }
        List<Path> photos;
        try (Stream<Path> s = Files.list(dir)) {
            photos = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
            }).sorted().toList();
        } catch (IOException e) {
            System.err.println("replay: cannot list " + dir + ": " + e.getMessage());
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long intervalNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        int published = 0, noPlate = 0, failed = 0;
        for (Path p : photos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += intervalNanos;
            String type = p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/cameras/" + camera + "/images"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", type)
                    .header("X-Captured-At", OffsetDateTime.now(ZoneOffset.UTC).toString())
                    .POST(HttpRequest.BodyPublishers.ofFile(p)).build();
            try {
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() == 202) {
                    published++;
                } else if (resp.statusCode() == 200) {
                    noPlate++;
                } else {
                    failed++;
                }
                // a read's body holds the plate, which may be a compliant vehicle's: print it only for refusals
                System.out.printf("%s\t%d\t%s%n", p.getFileName(), resp.statusCode(), resp.statusCode() < 300 ? "" : resp.body());
            } catch (IOException e) {
                failed++;
                System.out.printf("%s\terror\t%s%n", p.getFileName(), e.getMessage());
                if (published + noPlate == 0 && failed == 1) {
                    System.err.println("replay: is the gateway running? start it with ./traffic anpr serve");
                }
            }
        }
        System.out.printf("replayed=%d published=%d no_plate=%d failed=%d%n", photos.size(), published, noPlate, failed);
        return failed == 0 ? 0 : 1;
    }
}
