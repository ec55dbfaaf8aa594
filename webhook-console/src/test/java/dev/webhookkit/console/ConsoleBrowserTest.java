package dev.webhookkit.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, driven through the system chromedriver (never a
 * downloaded one), against the receiver, admin API and event stream on embedded Jetty. Screenshots
 * go to the directory named by the system property {@code console.screenshots} when it is set.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String SECRET = "shop-secret-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleTestServer server;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        server = new ConsoleTestServer();
        created(server.admin("POST", "/endpoints", "{\"name\":\"shop\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + SECRET + "\"]}"));
        created(server.admin("POST", "/endpoints", "{\"name\":\"crm\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"crm-secret-0123456789\"]}"));
        created(server.admin("POST", "/subscriptions", "{\"id\":\"ops\",\"url\":\"" + server.subscriberUrl("/hooks/ops")
                + "\",\"secret\":\"sub-secret-0123456789\",\"maxAttempts\":1}"));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signIn() {
        driver.get(server.base() + "/console/#token=" + ConsoleTestServer.TOKEN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        driver.manage().logs().get(LogType.BROWSER); // start each test with an empty log
    }

    private static void created(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private JsonNode json(java.net.http.HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String postSigned(String endpoint, String secret, String body) {
        var r = server.postWebhook(endpoint, secret, body);
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return Poll.until("the event of " + body + " in the log", () -> json(server.admin("GET", "/events?endpoint=" + endpoint + "&limit=1", null)),
                page -> page.path("items").size() > 0 && !page.path("items").get(0).path("id").asText().isEmpty())
                .path("items").get(0).path("id").asText();
    }

    private void assertNoConsoleErrors(String page) {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("browser console on " + page).isEmpty();
    }

    private void screenshot(String name) throws IOException {
        String dir = System.getProperty("console.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(dir).resolve("console-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void open(String hash, String waitForId) {
        driver.get(server.base() + "/console/" + hash);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(waitForId)));
    }

    private List<WebElement> eventRows() {
        return driver.findElements(By.cssSelector("#events-body tr"));
    }

    @Test
    void theTokenFromTheFragmentLeavesTheAddressBarAndIsNeverWrittenIntoThePage() {
        assertThat(driver.getCurrentUrl()).doesNotContain(ConsoleTestServer.TOKEN).endsWith("#/events");
        assertThat(driver.getPageSource()).doesNotContain(ConsoleTestServer.TOKEN);
        driver.findElement(By.id("logout")).click();
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
        input.sendKeys("wrong-token");
        driver.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login"), "refused"));
        driver.findElement(By.id("token")).sendKeys(ConsoleTestServer.TOKEN);
        driver.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        assertThat(driver.getPageSource()).doesNotContain(ConsoleTestServer.TOKEN);
    }

    @Test
    void everyPageLoadsWithoutConsoleErrors() throws IOException {
        String id = postSigned("shop", SECRET, "{\"type\":\"order.paid\",\"order\":{\"id\":42,\"total\":\"19.90\"}}");
        server.postWebhook("shop", null, "{\"type\":\"order.paid\"}");
        server.admin("POST", "/messages", "{\"eventType\":\"order.paid\",\"data\":{\"order\":42}}");
        Poll.until("a dead message", () -> json(server.admin("GET", "/messages?status=dead", null)).path("items").size() > 0);
        String[][] pages = {{"#/events", "events", "events"}, {"#/events/" + id, "event-facts", "event"},
            {"#/messages", "messages", "messages"}, {"#/endpoints", "endpoints", "endpoints"},
            {"#/subscriptions", "subscriptions", "subscriptions"}};
        for (String[] p : pages) {
            open(p[0], p[1]);
            if (p[2].equals("events")) {
                wait.until(d -> eventRows().size() >= 2);
                wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
            }
            if (p[2].equals("messages")) {
                wait.until(d -> !d.findElements(By.cssSelector("#messages-body tr")).isEmpty());
                String messageId = driver.findElement(By.cssSelector("#messages-body tr")).getAttribute("data-id");
                screenshot(p[2]);
                assertNoConsoleErrors(p[0]);
                open("#/messages/" + messageId, "attempts");
                wait.until(d -> !d.findElements(By.cssSelector("#attempts tbody tr")).isEmpty());
                screenshot("message");
                assertNoConsoleErrors("#/messages/" + messageId);
                continue;
            }
            screenshot(p[2]);
            assertNoConsoleErrors(p[0]);
        }
    }

    @Test
    void aWebhookPostedWhileTheTableIsOpenAppearsWithoutAReload() {
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        ((JavascriptExecutor) driver).executeScript("window.__sameDocument = 'yes';");
        int before = eventRows().size();
        var r = server.postWebhook("shop", SECRET, "{\"type\":\"live.check\",\"n\":1}");
        assertThat(r.statusCode()).isLessThan(300);
        wait.until(d -> eventRows().size() == before + 1);
        WebElement top = eventRows().get(0);
        assertThat(top.getText()).contains("shop").contains("PROCESSED").contains("live.check");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__sameDocument;")).isEqualTo("yes");
    }

    @Test
    void filtersByEndpointReasonAndEventType() {
        postSigned("crm", "crm-secret-0123456789", "{\"type\":\"contact.created\"}");
        server.postWebhook("shop", null, "{\"type\":\"order.refunded\"}");
        postSigned("shop", SECRET, "{\"type\":\"order.shipped\"}");
        open("#/events", "events");
        wait.until(d -> eventRows().size() >= 3);

        driver.findElement(By.id("f-endpoint")).sendKeys("crm");
        driver.findElement(By.cssSelector("#event-filters button")).click();
        wait.until(d -> eventRows().stream().allMatch(row -> row.getText().contains("crm")) && !eventRows().isEmpty());

        driver.findElement(By.id("f-endpoint")).clear();
        new Select(driver.findElement(By.id("f-reason"))).selectByValue("MISSING_SIGNATURE");
        driver.findElement(By.cssSelector("#event-filters button")).click();
        wait.until(d -> !eventRows().isEmpty() && eventRows().stream().allMatch(row -> row.getText().contains("MISSING_SIGNATURE")));

        new Select(driver.findElement(By.id("f-reason"))).selectByValue("");
        driver.findElement(By.id("f-eventType")).sendKeys("order.shipped");
        driver.findElement(By.cssSelector("#event-filters button")).click();
        wait.until(d -> !eventRows().isEmpty() && eventRows().stream().allMatch(row -> row.getText().contains("order.shipped")));
        assertNoConsoleErrors("#/events filtered");
    }

    @Test
    void anEventShowsItsVerificationAndReplayMakesANewEvent() {
        String id = postSigned("shop", SECRET, "{\"type\":\"order.paid\",\"order\":{\"id\":7}}");
        open("#/events", "events");
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText(id)));
        link.click();
        wait.until(ExpectedConditions.textToBe(By.id("event-id"), id));
        assertThat(driver.findElement(By.id("event-verified")).getText()).isEqualTo("yes");
        assertThat(driver.findElement(By.id("event-key")).getText()).isEqualTo("default");
        assertThat(driver.findElement(By.id("event-reason")).getText()).contains("PROCESSED");
        assertThat(driver.findElement(By.id("event-body")).getText()).contains("\"order\": {").contains("\"id\": 7");
        assertThat(driver.findElement(By.id("verify-command")).getText()).contains("webhook verify --scheme 'hmac-sha256'")
                .contains("X-Webhook-Signature: sha256=").doesNotContain(SECRET);

        driver.findElement(By.id("replay")).click();
        wait.until(d -> !d.findElement(By.id("event-id")).getText().equals(id) && d.getPageSource().contains("Replay of"));
        String replayId = driver.findElement(By.id("event-id")).getText();
        JsonNode replay = json(server.admin("GET", "/events/" + replayId, null));
        assertThat(replay.path("replayOf").asText()).isEqualTo(id);
        assertNoConsoleErrors("#/events/" + id);
    }

    @Test
    void anXssPayloadInABodyIsShownAsText() {
        String payload = "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='img'\">";
        String body = "{\"type\":\"<img src=x onerror=\\\"window.__xss='type'\\\">\",\"title\":" + JSON.valueToTree(payload) + "}";
        String id = postSigned("shop", SECRET, body);
        open("#/events", "events");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(id)));
        open("#/events/" + id, "event-body");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("event-body"), "<script>"));
        assertThat(driver.findElement(By.id("event-body")).getText()).contains(payload.replace("\"", "\\\""));
        assertThat(driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined;")).isEqualTo(true);
    }

    @Test
    void aDeadMessageIsRedeliveredOneByOneAndAllAtOnce() {
        String messageId = json(server.admin("POST", "/messages", "{\"eventType\":\"order.paid\",\"data\":{\"n\":1}}")).path("ids").get(0).asText();
        Poll.until("message " + messageId + " dead", () -> json(server.admin("GET", "/messages/" + messageId, null)).path("status").asText().equals("dead"));
        int hits = server.subscriberHits();
        open("#/messages/" + messageId, "message-status");
        wait.until(ExpectedConditions.textToBe(By.id("message-status"), "dead"));
        assertThat(driver.findElement(By.id("attempts")).getText()).contains("500").contains("subscriber is down");
        driver.findElement(By.id("redeliver")).click();
        wait.until(d -> !d.findElement(By.id("message-status")).getText().equals("dead"));
        Poll.until("the subscriber called again", () -> server.subscriberHits() > hits);
        Poll.until("message " + messageId + " dead again", () -> json(server.admin("GET", "/messages/" + messageId, null)).path("status").asText().equals("dead"));

        open("#/messages", "messages");
        driver.findElement(By.id("f-subscription")).sendKeys("ops");
        driver.findElement(By.id("redeliver-dead")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "dead message(s) again"));
        assertThat(driver.findElement(By.id("toast")).getText()).doesNotContain("Queued 0");
        assertNoConsoleErrors("#/messages");
    }

    @Test
    void rotatingASecretKeepsTheOldOneForTheGracePeriod() {
        open("#/endpoints", "endpoints");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#endpoints tr[data-name='crm']")));
        row.findElement(By.cssSelector(".rotate-secret")).sendKeys("crm-secret-NEW-0123456789");
        WebElement grace = row.findElement(By.cssSelector(".rotate-grace"));
        grace.clear();
        grace.sendKeys("600");
        row.findElement(By.cssSelector(".rotate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#endpoints tr[data-name='crm'] .secrets-cell"), "valid until"));
        assertThat(driver.getPageSource()).doesNotContain("crm-secret-NEW-0123456789").doesNotContain("crm-secret-0123456789");
        assertThat(server.postWebhook("crm", "crm-secret-NEW-0123456789", "{\"type\":\"a\"}").statusCode()).isLessThan(300);
        assertThat(server.postWebhook("crm", "crm-secret-0123456789", "{\"type\":\"b\"}").statusCode()).isLessThan(300);
        JsonNode secrets = json(server.admin("GET", "/endpoints/crm", null)).path("secrets");
        assertThat(secrets.size()).isEqualTo(2);
        assertNoConsoleErrors("#/endpoints");
    }

    /** The server's count over the chart's window (GET /admin/stats?minutes=30): {@code kind} received or delivered, one outcome or all (null). */
    private long serverCount(String kind, String outcome) {
        JsonNode stats = json(server.admin("GET", "/stats?minutes=30", null));
        long n = 0;
        for (JsonNode b : stats.path("buckets")) {
            for (var e : b.path(kind).properties()) {
                if (outcome == null || e.getKey().equals(outcome)) {
                    n += e.getValue().asLong();
                }
            }
        }
        return n;
    }

    /** What the chart on the page shows: its total, or the sum of one outcome's segments. */
    private long chartCount(String chartId, String outcome) {
        if (outcome == null) {
            return Long.parseLong(driver.findElement(By.cssSelector("#" + chartId + " figure")).getAttribute("data-total"));
        }
        return driver.findElements(By.cssSelector("#" + chartId + " .seg[data-outcome='" + outcome + "']")).stream()
                .mapToLong(e -> Long.parseLong(e.getAttribute("data-count"))).sum();
    }

    @Test
    void theReceivedChartShowsTheServersCountsAndFollowsTheLiveStream() {
        long before = serverCount("received", null);
        long unsignedBefore = serverCount("received", "MISSING_SIGNATURE");
        postSigned("shop", SECRET, "{\"type\":\"chart.a\"}");
        postSigned("crm", "crm-secret-0123456789", "{\"type\":\"chart.b\"}");
        assertThat(server.postWebhook("shop", null, "{\"type\":\"chart.c\"}").statusCode()).isGreaterThanOrEqualTo(400);
        long expected = before + 3;
        Poll.until("the server counted the three posts", () -> serverCount("received", null) == expected);

        open("#/events", "events-chart");
        driver.navigate().refresh(); // a fresh page: the chart is what the server counted, not what the stream brought
        wait.until(d -> !d.findElements(By.cssSelector("#events-chart figure")).isEmpty());
        wait.until(d -> chartCount("events-chart", null) == expected);
        assertThat(chartCount("events-chart", "MISSING_SIGNATURE")).isEqualTo(unsignedBefore + 1)
                .isEqualTo(serverCount("received", "MISSING_SIGNATURE"));

        // A webhook posted while the page is open is counted again by the server, without a reload.
        postSigned("shop", SECRET, "{\"type\":\"chart.d\"}");
        wait.until(d -> chartCount("events-chart", null) == expected + 1);
        assertNoConsoleErrors("#/events chart");
    }

    @Test
    void theDeliveredChartAndTheHealthColumnShowWhatTheServerAnswers() {
        String messageId = json(server.admin("POST", "/messages", "{\"eventType\":\"health.check\",\"data\":{}}")).path("ids").get(0).asText();
        Poll.until("message " + messageId + " dead", () -> json(server.admin("GET", "/messages/" + messageId, null)).path("status").asText().equals("dead"));
        long failed = serverCount("delivered", "server_error");
        assertThat(failed).isPositive();

        open("#/messages", "messages-chart");
        wait.until(d -> !d.findElements(By.cssSelector("#messages-chart figure")).isEmpty());
        wait.until(d -> chartCount("messages-chart", "server_error") == failed);
        assertThat(chartCount("messages-chart", null)).isEqualTo(serverCount("delivered", null));

        JsonNode health = json(server.admin("GET", "/subscriptions/ops/health", null));
        open("#/subscriptions", "subscriptions");
        WebElement cell = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#subscriptions tr[data-id='ops'] .health span")));
        assertThat(cell.getAttribute("data-attempts")).isEqualTo(health.path("recent").path("attempts").asText());
        assertThat(cell.getAttribute("data-successes")).isEqualTo("0");
        assertThat(cell.getText()).startsWith("0% of " + health.path("recent").path("attempts").asInt() + " attempts").contains("server_error");
        assertNoConsoleErrors("#/subscriptions health");
    }

}
