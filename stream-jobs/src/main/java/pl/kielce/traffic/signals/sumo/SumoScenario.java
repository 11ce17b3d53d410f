package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A SUMO scenario folder with one {@code .sumocfg}: its network, route and additional files, the
 * signal programs that will be active (the last program loaded for a signal wins, as in SUMO) and
 * its induction-loop detectors.
 */
public final class SumoScenario {
    /** An {@code e1Detector}/{@code inductionLoop} of the scenario. */
    public record InductionLoop(String id, String laneId, double positionMeters, double periodSeconds, Path outputFile) {}

    private final Path directory;
    private final Path config;
    private final Path netFile;
    private final List<Path> routeFiles;
    private final List<Path> additionalFiles;
    private final List<String> additionalValues;

    private SumoScenario(Path directory, Path config, Path netFile, List<Path> routeFiles, List<Path> additionalFiles,
                         List<String> additionalValues) {
        this.directory = directory;
        this.config = config;
        this.netFile = netFile;
        this.routeFiles = routeFiles;
        this.additionalFiles = additionalFiles;
        this.additionalValues = additionalValues;
    }

    /** Opens {@code dir/run.sumocfg}, or the only {@code *.sumocfg} in dir. */
    public static SumoScenario open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("scenario folder " + dir + " does not exist");
        Path cfg = dir.resolve("run.sumocfg");
        if (!Files.isRegularFile(cfg)) {
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> cfgs = s.filter(p -> p.getFileName().toString().endsWith(".sumocfg")).toList();
                if (cfgs.size() != 1) {
                    throw new IOException(dir + ": expected run.sumocfg or exactly one *.sumocfg, found " + cfgs.size());
                }
                cfg = cfgs.get(0);
            }
        }
        Document doc = parse(cfg);
        String net = value(doc, "net-file");
        if (net == null) throw new IOException(cfg + ": no <net-file value=…> in <input>");
        List<String> routes = split(value(doc, "route-files"));
        List<String> adds = split(value(doc, "additional-files"));
        Path base = cfg.getParent();
        return new SumoScenario(dir, cfg, base.resolve(net), routes.stream().map(base::resolve).toList(),
                adds.stream().map(base::resolve).toList(), adds);
    }

    public Path directory() {
        return directory;
    }

    public Path config() {
        return config;
    }

    public Path netFile() {
        return netFile;
    }

    public List<Path> additionalFiles() {
        return additionalFiles;
    }

    /** The additional-files value as written in the config (relative names). */
    public List<String> additionalFileNames() {
        return additionalValues;
    }

    public SumoNet readNet() throws IOException {
        return SumoNet.read(netFile);
    }

    /** Programs SUMO will run: the network's, replaced by later additional files, per signal id. */
    public Map<String, TlsProgram> activePrograms(SumoNet net) throws IOException {
        Map<String, TlsProgram> active = new LinkedHashMap<>();
        for (TlsProgram p : net.programs()) active.put(p.tlsId(), p);
        for (Path add : additionalFiles) {
            for (TlsProgram p : readPrograms(add)) active.put(p.tlsId(), p);
        }
        return active;
    }

    public List<InductionLoop> inductionLoops() throws IOException {
        List<InductionLoop> out = new ArrayList<>();
        for (Path add : additionalFiles) {
            try (InputStream in = Files.newInputStream(add)) {
                XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT
                            && (r.getLocalName().equals("e1Detector") || r.getLocalName().equals("inductionLoop"))) {
                        String freq = r.getAttributeValue(null, "freq");
                        if (freq == null) freq = r.getAttributeValue(null, "period");
                        String file = r.getAttributeValue(null, "file");
                        out.add(new InductionLoop(r.getAttributeValue(null, "id"), r.getAttributeValue(null, "lane"),
                                Double.parseDouble(r.getAttributeValue(null, "pos")),
                                freq == null ? Double.NaN : Double.parseDouble(freq),
                                file == null ? null : add.getParent().resolve(file)));
                    }
                }
            } catch (XMLStreamException e) {
                throw new IOException(add + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static List<TlsProgram> readPrograms(Path file) throws IOException {
        List<TlsProgram> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            TlsProgram.Builder b = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("tlLogic")) b = TlsProgram.builder(r);
                    else if (r.getLocalName().equals("phase") && b != null) b.phase(r);
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("tlLogic")) {
                    out.add(b.build());
                    b = null;
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Rewrites a copy of the config with a different additional-files list and extra output options. */
    public static void writeConfig(Path sourceConfig, Path targetConfig, List<String> additionalFiles) throws IOException {
        Document doc = parse(sourceConfig);
        Element input = firstOrCreate(doc, doc.getDocumentElement(), "input");
        Element adds = firstOrCreate(doc, input, "additional-files");
        adds.setAttribute("value", String.join(",", additionalFiles));
        try {
            var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(targetConfig.toFile()));
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot write " + targetConfig + ": " + e.getMessage(), e);
        }
    }

    private static Element firstOrCreate(Document doc, Element parent, String name) {
        NodeList nl = parent.getElementsByTagName(name);
        if (nl.getLength() > 0) return (Element) nl.item(0);
        Element e = doc.createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IOException(file + ": not a readable SUMO configuration: " + e.getMessage(), e);
        }
    }

    private static String value(Document doc, String option) {
        NodeList nl = doc.getElementsByTagName(option);
        if (nl.getLength() == 0) return null;
        String v = ((Element) nl.item(0)).getAttribute("value");
        return v.isBlank() ? null : v;
    }

    private static List<String> split(String v) {
        if (v == null) return List.of();
        return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
