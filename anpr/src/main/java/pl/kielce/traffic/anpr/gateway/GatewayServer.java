package pl.kielce.traffic.anpr.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP front of the {@link CameraGateway}: {@code POST /api/cameras/{cameraId}/images} with the image as the
 * body ({@code Content-Type: image/jpeg|image/png}) and the capture time in {@code X-Captured-At} (or query
 * {@code capturedAt}). 202 with the read, 200 when no plate was found, problem+json for every refusal.
 * The request body is read with a hard byte limit, so an oversized upload is refused without buffering it all.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/api/cameras/([^/]+)/images/?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService workers;
    private final CameraGateway gateway;

    public GatewayServer(CameraGateway gateway, InetSocketAddress address, int threads) throws IOException {
        this.gateway = gateway;
        this.server = HttpServer.create(address, 64);
        this.workers = Executors.newFixedThreadPool(threads);
        server.setExecutor(workers);
        server.createContext("/api/cameras/", this::handle);
        server.createContext("/health", ex -> respond(ex, 200, "application/json", "{\"status\":\"UP\"}"));
    }

    public GatewayServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                problem(ex, new Problem(404, "Not found", "use POST /api/cameras/{cameraId}/images", null));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "POST");
                problem(ex, new Problem(405, "Method not allowed", "use POST", null));
                return;
            }
            String cameraId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            String declared = ex.getRequestHeaders().getFirst("Content-Length");
            if (declared != null) {
                try {
                    if (Long.parseLong(declared.trim()) > gateway.maxImageBytes()) {
                        // read (and discard) what the client is sending first, up to a bound: answering while the
                        // upload is still in flight made the client see a reset instead of the 413 (flaky test)
                        drain(ex.getRequestBody(), DRAIN_LIMIT_BYTES);
                        problem(ex, new Problem(413, "Image too large", "the upload declares " + declared.trim()
                                + " bytes; the limit is " + gateway.maxImageBytes(), "body"));
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // the body read below enforces the limit anyway
                }
            }
            byte[] body = readLimited(ex.getRequestBody(), gateway.maxImageBytes());
            if (body == null) {
                problem(ex, new Problem(413, "Image too large", "the upload exceeds " + gateway.maxImageBytes() + " bytes", "body"));
                return;
            }
            String capturedAt = ex.getRequestHeaders().getFirst("X-Captured-At");
            if (capturedAt == null) {
                capturedAt = query(ex.getRequestURI().getRawQuery(), "capturedAt");
            }
            CameraGateway.Result r = gateway.accept(cameraId, ex.getRequestHeaders().getFirst("Content-Type"), capturedAt, body);
            if (r instanceof CameraGateway.Rejected rej) {
                problem(ex, rej.problem());
            } else if (r instanceof CameraGateway.NoPlate np) {
                ObjectNode n = JSON.createObjectNode();
                n.put("readId", np.readId());
                n.putNull("plate");
                n.put("published", false);
                respond(ex, 200, "application/json", n.toString());
            } else if (r instanceof CameraGateway.Published p) {
                ObjectNode n = JSON.createObjectNode();
                n.put("readId", p.read().readId());
                n.put("plate", p.read().plate());
                n.put("confidence", p.read().confidence());
                n.put("evidenceRef", p.read().evidenceRef());
                n.put("published", true);
                respond(ex, 202, "application/json", n.toString());
            }
        } catch (RuntimeException e) {
            // never let one request take the server down; the plate is not in the message
            try {
                problem(ex, new Problem(500, "Internal error", e.getClass().getSimpleName(), null));
            } catch (IOException ignored) {
                // client gone
            }
        } finally {
            ex.close();
        }
    }

    /** An oversized upload is read and discarded up to this many bytes before the 413 goes out. */
    static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buf)) > 0) {
            total += n;
        }
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String query(String raw, String name) {
        if (raw == null) {
            return null;
        }
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0 && URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void problem(HttpExchange ex, Problem p) throws IOException {
        respond(ex, p.status(), "application/problem+json", p.toJson(ex.getRequestURI().getPath()));
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
