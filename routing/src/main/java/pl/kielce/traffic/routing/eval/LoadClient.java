package pl.kielce.traffic.routing.eval;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./traffic journeys load [--url http://localhost:8090] [--clients 50] [--seconds 60]}: closed-loop load
 * from a separate process: each client sends the reference queries one after another for the given time.
 * Prints requests/s, status counts, latency p50/p99 and the error count.
 */
public final class LoadClient {
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = JourneysEval.options(args);
        String base = opt.getOrDefault("url", "http://localhost:8090");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "50"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "60"));
        List<ReferenceQuery> qs = ReferenceQuery.read(Path.of(JourneysEval.require(opt, "queries")));
        List<URI> uris = new ArrayList<>();
        for (ReferenceQuery q : qs) {
            uris.add(URI.create(base + "/api/journeys?from=" + q.fromLat() + "," + q.fromLon() + "&to=" + q.toLat() + "," + q.toLon()
                    + "&departure=" + q.departure()));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int id = c;
            long[] lat = new long[1 << 20];
            perClient.add(lat);
            Thread t = new Thread(() -> {
                int n = 0;
                int i = id * 7 % uris.size();
                try {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uris.get(i)).timeout(Duration.ofSeconds(30)).GET().build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        if (n < lat.length - 1) {
                            lat[++n] = System.nanoTime() - s;
                        }
                        i = (i + 1) % uris.size();
                    }
                } finally {
                    lat[0] = n;
                    done.countDown();
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        done.await();
        int total = 0;
        for (long[] l : perClient) {
            total += (int) l[0];
        }
        long[] all = new long[total];
        int k = 0;
        for (long[] l : perClient) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
        long errors = failures.get() + (total - ok - failures.get());
        System.out.printf(Locale.ROOT, "%d clients, %d s: %d requests (%.1f/s), statuses %s, transport failures %d, latency p50 %.1f ms p99 %.1f ms max %.1f ms%n",
                clients, seconds, total, total / (double) seconds, statuses, failures.get(),
                pct(all, 50), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "clients=%d seconds=%d requests=%d errors=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f%n",
                clients, seconds, total, errors, total / (double) seconds, pct(all, 50), pct(all, 99));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
