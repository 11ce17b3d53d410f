package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The parts of a SUMO {@code .net.xml} the signal importer needs: lanes, edges, signalled connections, programs. */
public record SumoNet(Map<String, Lane> lanes, Map<String, Edge> edges, List<Connection> signalledConnections,
                      List<TlsProgram> programs) {

    public record Lane(String id, String edgeId, int index, double lengthMeters, double speedMetersPerSecond,
                       String allow, String disallow) {
        /** True when ordinary cars may not use the lane (bus lane, footway, crossing). */
        public boolean isPedestrianOnly() {
            return allow != null && allow.trim().equals("pedestrian");
        }
    }

    public record Edge(String id, String fromNode, String toNode, String function, List<String> laneIds) {}

    /** A connection controlled by a traffic light. */
    public record Connection(String fromEdge, int fromLane, String toEdge, int toLane, String dir, String tlsId,
                             int linkIndex) {
        public String fromLaneId() {
            return fromEdge + "_" + fromLane;
        }
    }

    public static SumoNet read(Path file) throws IOException {
        Map<String, Lane> lanes = new LinkedHashMap<>();
        Map<String, Edge> edges = new LinkedHashMap<>();
        List<Connection> connections = new ArrayList<>();
        List<TlsProgram> programs = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            Edge currentEdge = null;
            List<String> currentLanes = null;
            TlsProgram.Builder program = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "edge" -> {
                            currentLanes = new ArrayList<>();
                            currentEdge = new Edge(r.getAttributeValue(null, "id"), r.getAttributeValue(null, "from"),
                                    r.getAttributeValue(null, "to"), r.getAttributeValue(null, "function"), currentLanes);
                        }
                        case "lane" -> {
                            if (currentEdge != null) {
                                String id = r.getAttributeValue(null, "id");
                                lanes.put(id, new Lane(id, currentEdge.id(), Integer.parseInt(r.getAttributeValue(null, "index")),
                                        Double.parseDouble(r.getAttributeValue(null, "length")),
                                        Double.parseDouble(r.getAttributeValue(null, "speed")),
                                        r.getAttributeValue(null, "allow"), r.getAttributeValue(null, "disallow")));
                                currentLanes.add(id);
                            }
                        }
                        case "connection" -> {
                            String tl = r.getAttributeValue(null, "tl");
                            if (tl != null) {
                                connections.add(new Connection(r.getAttributeValue(null, "from"),
                                        Integer.parseInt(r.getAttributeValue(null, "fromLane")), r.getAttributeValue(null, "to"),
                                        Integer.parseInt(r.getAttributeValue(null, "toLane")), r.getAttributeValue(null, "dir"), tl,
                                        Integer.parseInt(r.getAttributeValue(null, "linkIndex"))));
                            }
                        }
                        case "tlLogic" -> program = TlsProgram.builder(r);
                        case "phase" -> {
                            if (program != null) program.phase(r);
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "edge" -> {
                            edges.put(currentEdge.id(), new Edge(currentEdge.id(), currentEdge.fromNode(), currentEdge.toNode(),
                                    currentEdge.function(), List.copyOf(currentLanes)));
                            currentEdge = null;
                        }
                        case "tlLogic" -> {
                            programs.add(program.build());
                            program = null;
                        }
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": not a readable SUMO network: " + e.getMessage(), e);
        }
        return new SumoNet(Map.copyOf(lanes), Map.copyOf(edges), List.copyOf(connections), List.copyOf(programs));
    }

    public List<Connection> connectionsOf(String tlsId) {
        return signalledConnections.stream().filter(c -> c.tlsId().equals(tlsId)).toList();
    }
}
