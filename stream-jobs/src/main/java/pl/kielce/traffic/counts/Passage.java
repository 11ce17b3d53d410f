package pl.kielce.traffic.counts;

/**
 * A valid read reduced to what counting needs: the camera and the capture time. The plate is dropped
 * here, at the first operator, so it never reaches state, windows or sinks.
 *
 * @param cameraId          camera id
 * @param capturedAtEpochMs capture time, epoch milliseconds (event time)
 */
public record Passage(String cameraId, long capturedAtEpochMs) {
}
