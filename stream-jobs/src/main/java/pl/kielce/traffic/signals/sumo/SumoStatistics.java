package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The figures of a SUMO {@code --statistic-output} file that judge a signal plan.
 *
 * @param completedTrips      vehicles that arrived (tripinfo count)
 * @param loadedVehicles      vehicles in the demand
 * @param meanTimeLossSeconds mean time loss of completed trips
 * @param meanWaitingSeconds  mean waiting time of completed trips
 * @param meanDepartDelaySeconds mean insertion delay of completed trips
 */
public record SumoStatistics(long completedTrips, long loadedVehicles, long teleports, double meanTimeLossSeconds,
                             double meanWaitingSeconds, double meanDepartDelaySeconds) {

    public static SumoStatistics read(Path file) throws IOException {
        long loaded = -1, teleports = -1, count = -1;
        double timeLoss = Double.NaN, waiting = Double.NaN, departDelay = Double.NaN;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
                switch (r.getLocalName()) {
                    case "vehicles" -> loaded = Long.parseLong(r.getAttributeValue(null, "loaded"));
                    case "teleports" -> teleports = Long.parseLong(r.getAttributeValue(null, "total"));
                    case "vehicleTripStatistics" -> {
                        count = Long.parseLong(r.getAttributeValue(null, "count"));
                        timeLoss = Double.parseDouble(r.getAttributeValue(null, "timeLoss"));
                        waiting = Double.parseDouble(r.getAttributeValue(null, "waitingTime"));
                        departDelay = Double.parseDouble(r.getAttributeValue(null, "departDelay"));
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(file + ": unreadable SUMO statistics: " + e.getMessage(), e);
        }
        if (count < 0 || teleports < 0) throw new IOException(file + ": no vehicleTripStatistics/teleports element");
        return new SumoStatistics(count, loaded, teleports, timeLoss, waiting, departDelay);
    }

    /** The machine-readable line of {@code signals sumo-eval}. */
    public String line() {
        return String.format(Locale.ROOT, "mean_time_loss_s=%.2f mean_waiting_s=%.2f trips=%d teleports=%d",
                meanTimeLossSeconds, meanWaitingSeconds, completedTrips, teleports);
    }
}
