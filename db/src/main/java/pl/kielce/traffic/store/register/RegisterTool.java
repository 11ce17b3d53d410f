package pl.kielce.traffic.store.register;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.load.PolicyPackException;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.ctz.policy.register.RegisterCsv;
import pl.kielce.traffic.store.Migrations;

/**
 * {@code ./traffic policy import-register CSV [--db JDBC]} and {@code ./traffic policy store-zones DIR [--db JDBC]}:
 * migrate the database, then bulk-import a register extract or store a pack's zones/stages/cameras.
 */
public final class RegisterTool {
    static final String DEFAULT_DB = "jdbc:postgresql://localhost:55432/traffic?user=postgres";

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || (args.length != 2 && !(args.length == 4 && "--db".equals(args[2])))) {
            System.err.println("usage: import-register EXTRACT.csv [--db JDBC-URL] | store-zones PACK-DIR [--db JDBC-URL]\n"
                    + "default --db " + DEFAULT_DB + " (./traffic stack up)");
            System.exit(2);
        }
        String url = args.length == 4 ? args[3] : DEFAULT_DB;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try {
            Migrations.migrate(url);
        } catch (RuntimeException e) {
            System.err.println("error: cannot reach or migrate " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage()
                    + "\n(start the local database with ./traffic stack up, or pass --db)");
            System.exit(1);
        }
        switch (args[0]) {
            case "import-register": {
                Path csv = Path.of(args[1]);
                RegisterImporter.Report r;
                try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    r = new RegisterImporter(ds).importCsv(csv.getFileName().toString(), in);
                }
                for (RegisterCsv.RowProblem p : r.problems()) System.err.println("rejected: " + p.message());
                System.out.printf("import %d of %s: %d rows read, %d imported, %d rejected (kept in register_import_errors)%n",
                        r.importId(), csv, r.summary().rowsRead(), r.summary().rowsAccepted(), r.summary().rowsRejected());
                System.exit(r.summary().rowsRejected() == 0 ? 0 : 1);
                break;
            }
            case "store-zones": {
                Policy p;
                try {
                    p = PolicyPacks.load(Path.of(args[1]));
                } catch (PolicyPackException e) {
                    System.err.println(e.getMessage());
                    System.exit(1);
                    return;
                }
                new PolicyZoneStore(ds).store(p);
                System.out.printf("stored policy %s version %s: %d zone(s), %d stage(s), %d camera(s) in ctz_zones/ctz_stages/ctz_cameras%n",
                        p.id(), p.version(), p.zones().size(), p.stages().size(), p.cameras().size());
                break;
            }
            default:
                System.err.println("unknown command " + args[0]);
                System.exit(2);
        }
    }
}
