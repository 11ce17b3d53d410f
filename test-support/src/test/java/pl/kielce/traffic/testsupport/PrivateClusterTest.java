package pl.kielce.traffic.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The fallback path of PostgisExtension: a private cluster started and removed by the test JVM. */
class PrivateClusterTest {

    @Test
    void startsAPrivateClusterWithPostgisAndRemovesItOnClose() throws Exception {
        Path parent = PostgisExtension.privateClusterParent();
        PostgisDatabase db = PostgisDatabase.inPrivateCluster(parent);
        Path clusterDir;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT postgis_lib_version(), to_regclass('passage_counts') IS NOT NULL");
            rs.next();
            assertThat(rs.getString(1)).startsWith("3.");
            assertThat(rs.getBoolean(2)).isTrue();
            rs = s.executeQuery("SHOW data_directory");
            rs.next();
            clusterDir = Path.of(rs.getString(1)).getParent();
        } finally {
            db.close();
        }
        assertThat(clusterDir.startsWith(parent)).as("%s under %s", clusterDir, parent).isTrue();
        assertThat(Files.exists(clusterDir)).as("cluster folder deleted").isFalse();
    }
}
