package pl.kielce.traffic.console.counts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import pl.kielce.traffic.console.ConsoleTest;

import java.sql.Timestamp;
import java.time.Instant;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /api/passage-counts} on rows in the real passage_counts table. */
class PassageCountApiTest extends ConsoleTest {
    static final Instant T0 = Instant.parse("2021-03-01T08:00:00Z");
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void returnsTheWindowsOfOneCameraInTheRange() throws Exception {
        for (int i = 0; i < 4; i++) {
            Instant start = T0.plusSeconds(300L * i);
            jdbc.update("INSERT INTO passage_counts VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", "T-PC-CAM-1",
                    Timestamp.from(start), Timestamp.from(start.plusSeconds(300)), 10 + i);
            jdbc.update("INSERT INTO passage_counts VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", "T-PC-CAM-2",
                    Timestamp.from(start), Timestamp.from(start.plusSeconds(300)), 1);
        }
        mvc.perform(get("/api/passage-counts").param("camera", "T-PC-CAM-1")
                        .param("from", "2021-03-01T08:05:00Z").param("to", "2021-03-01T08:20:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].cameraId").value("T-PC-CAM-1"))
                .andExpect(jsonPath("$[0].windowStart").value("2021-03-01T08:05:00Z"))
                .andExpect(jsonPath("$[0].passages").value(11))
                .andExpect(jsonPath("$[2].passages").value(13));
    }

    @Test
    void aBadParameterIsAProblemNamingTheField() throws Exception {
        mvc.perform(get("/api/passage-counts").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ISO-8601")));
        mvc.perform(get("/api/passage-counts").param("camera", "bad camera!"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("camera"));
        mvc.perform(get("/api/passage-counts").param("from", "2021-03-02T00:00:00Z").param("to", "2021-03-01T00:00:00Z"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
    }
}
