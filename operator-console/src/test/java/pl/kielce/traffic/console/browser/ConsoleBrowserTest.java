package pl.kielce.traffic.console.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestCases;
import pl.kielce.traffic.console.TestEvidence;
import pl.kielce.traffic.console.TestUsers;
import pl.kielce.traffic.console.review.CaseIngest;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;
import pl.kielce.traffic.console.signals.SignalPlans;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium (Debian's chromium + chromedriver, no browser download): an officer logs in,
 * confirms one violation and rejects another, an operator approves a signal plan and looks at the live map, an auditor
 * finds all of it in the audit log. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(PostgisExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver driver;
    static Path profile;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", PostgisExtension::jdbcUrl);
        r.add("spring.datasource.username", () -> "postgres");
        r.add("console.city-dir", () -> ConsoleTest.repoRoot().resolve("cities/kielce").toString());
        r.add("console.evidence-dir", () -> TestEvidence.dir().toString());
        r.add("console.map.push-interval", () -> "PT1S");
    }

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts accounts;
    @Autowired
    CaseIngest ingest;
    @Autowired
    SignalPlans plans;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void browser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium + chromium-driver not installed: browser test skipped");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=pl-PL", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().window().setSize(new Dimension(1440, 1000));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void officerReviewsOperatorApprovesAuditorChecks() throws Exception {
        TestUsers.ensureAll(accounts);
        List<TestCases.Photo> photos = TestCases.photos(2);
        Instant seen = Instant.parse("2026-11-27T08:12:00Z");
        for (int i = 0; i < 2; i++) {
            TestCases.Photo p = photos.size() > i ? photos.get(i) : null;
            List<String> ev = p == null ? List.of() : List.of(TestCases.evidence(p, "browser-" + i));
            String plate = p == null ? "TK1234" + i : p.plate();
            ingest.accept(TestCases.json(TestCases.violation("T-BR-CASE-" + i, plate, "stage-1", seen.plusSeconds(60L * i), ev),
                    "KCE-CAM-0" + (i + 1), p));
        }
        plans.receive(("{\"planId\":\"T-BR-PLAN-1\",\"intersectionId\":\"KCE-INT-SIENKIEWICZA-PADEREWSKIEGO\",\"cycleSeconds\":96,"
                + "\"offsetSeconds\":18,\"phases\":[{\"id\":\"NS\",\"greenSeconds\":44},{\"id\":\"EW\",\"greenSeconds\":36}],"
                + "\"current\":{\"cycleSeconds\":120,\"offsetSeconds\":0,\"phases\":[{\"id\":\"NS\",\"greenSeconds\":52},{\"id\":\"EW\",\"greenSeconds\":52}]},"
                + "\"expectedDelayChangePercent\":-18.2}").getBytes(StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
        // a form post reloads the page: an element found just before may be gone when its attribute is read
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        // 1. the officer confirms one violation …
        login(Role.ENFORCEMENT_OFFICER);
        go("/review?stage=stage-1&day=2026-11-27");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-case='T-BR-CASE-0']")));
        shot("01-review-queue");
        driver.findElement(By.cssSelector("tr[data-case='T-BR-CASE-0'] a.case-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("btn-confirm")));
        if (!photos.isEmpty()) {
            wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "var i = document.querySelector('img.evidence-photo'); return i && i.complete && i.naturalWidth > 0;"));
            assertThat(driver.findElements(By.cssSelector(".platebox"))).hasSize(1);
        }
        shot("02-case-evidence");
        driver.findElement(By.id("btn-confirm")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice-link")));
        assertThat(driver.findElement(By.id("case-status")).getAttribute("class")).contains("CONFIRMED");
        shot("03-case-confirmed");

        // … and rejects the other with a reason
        go("/review/T-BR-CASE-1");
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reject-reason")))).selectByValue("PLATE_MISREAD");
        driver.findElement(By.id("btn-reject")).click();
        wait.until(ExpectedConditions.attributeContains(By.id("case-status"), "class", "REJECTED"));
        shot("04-case-rejected");
        logout();

        // 2. the operator approves the proposed plan and opens the live map
        Instant flowStart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        jdbc.update("INSERT INTO traffic_flows (intersection_id, approach, source, interval_start, interval_end, vehicles,"
                + " flow_veh_per_hour, capacity_veh_per_hour, degree_of_saturation, reporting_sources)"
                + " VALUES ('KI-IXW-SOLID', 'al. IX Wieków Kielc from east', 'detectors', ?, ?, 138, 1656, 1800, 0.92, 1)"
                + " ON CONFLICT DO NOTHING", java.sql.Timestamp.from(flowStart), java.sql.Timestamp.from(flowStart.plus(Duration.ofMinutes(5))));
        login(Role.OPERATOR);
        go("/signals");
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-plan='T-BR-PLAN-1']")));
        shot("05-signal-plans");
        card.findElement(By.cssSelector("input.approve-comment")).sendKeys("poranny szczyt");
        card.findElement(By.cssSelector("button.approve-btn")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-log"), "APPROVED"));
        assertThat(driver.findElements(By.cssSelector("[data-plan='T-BR-PLAN-1']"))).isEmpty();
        go("/map");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map path.leaflet-interactive")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#camera-list li")));
        wait.until(ExpectedConditions.textMatches(By.id("live-state"), java.util.regex.Pattern.compile(".+")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map path.zone")));
        assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.mapErrors.join('\\n')")).isEqualTo("");
        // the intersections (from intersections.geojson) are listed; Enter on one opens its popup with the live flows
        WebDriverWait live = new WebDriverWait(driver, Duration.ofSeconds(40));
        // the list is re-rendered with live states: a button may be replaced or not yet laid out when it is found
        live.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        live.ignoring(org.openqa.selenium.ElementNotInteractableException.class);
        live.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#intersection-list li"), 2));
        live.until(d -> {
            d.findElement(By.cssSelector("#intersection-list li[data-intersection='KI-IXW-SOLID'] button")).sendKeys(Keys.ENTER);
            return true;
        });
        live.until(d -> d.findElement(By.cssSelector(".leaflet-popup-content table.ix-flows")).getText().contains("0.92"));
        assertThat(driver.findElement(By.cssSelector(".leaflet-popup-content")).getText()).contains("al. IX Wieków Kielc from east", "92 s");
        shot("06-live-map");
        logout();

        // 3. the auditor sees every view and action
        login(Role.AUDITOR);
        go("/audit");
        String table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-table"))).getText();
        assertThat(table).contains("CASE_VIEWED", "CASE_CONFIRM", "CASE_REJECT", "PLAN_APPROVED");
        if (!photos.isEmpty()) {
            assertThat(table).contains("EVIDENCE_VIEWED");
        }
        shot("07-audit-log");
        go("/audit?lang=en");
        shot("08-audit-log-en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Audit log");
        logout();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM console_audit_log WHERE subject_id IN ('T-BR-CASE-0','T-BR-CASE-1','T-BR-PLAN-1')"
                + " AND action IN ('CASE_CONFIRM','CASE_REJECT','PLAN_APPROVED')", Integer.class)).isEqualTo(3);
    }

    private void login(Role role) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(TestUsers.name(role));
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.cards")));
    }

    private void logout() {
        driver.findElement(By.cssSelector("header form button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(ExpectedConditions.urlContains("/login"));
    }

    private void go(String path) {
        driver.get("http://localhost:" + port + path);
    }

    private static void shot(String name) throws IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
