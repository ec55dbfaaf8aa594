package dev.webhookkit.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servlet over real HTTP on embedded Jetty: content types, caching, security headers, refusals. */
class ConsoleServletTest {
    private static ConsoleTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ConsoleTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String assetPath(String index, String name) {
        Matcher m = Pattern.compile("assets/([0-9a-f]{12})/" + Pattern.quote(name)).matcher(index);
        assertThat(m.find()).as("index names " + name).isTrue();
        return "/console/assets/" + m.group(1) + "/" + name;
    }

    @Test
    void indexIsHtmlRevalidatedEveryTimeWithAStrictPolicyAndNoInlineScript() {
        HttpResponse<String> r = server.get("/console/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html").contains("utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServlet.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleServlet.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.body()).contains("<meta name=\"webhook-admin-path\" content=\"/admin\">");
        // every script is an external module: no inline code for the policy to have to allow
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(r.body()).find()).isFalse();
        assertThat(r.body()).doesNotContain(ConsoleTestServer.TOKEN);
    }

    @Test
    void assetsHaveTheirContentTypeAndAreImmutableUnderTheirVersion() {
        String index = server.get("/console/").body();
        String[][] expected = {{"app.js", "text/javascript"}, {"pages.js", "text/javascript"}, {"console.css", "text/css"},
            {"favicon.svg", "image/svg+xml"}};
        for (String[] e : expected) {
            String path = e[0].equals("app.js") || e[0].equals("console.css") || e[0].equals("favicon.svg")
                    ? assetPath(index, e[0]) : assetPath(index, "app.js").replace("app.js", e[0]);
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith(e[1]);
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=31536000, immutable");
            assertThat(r.headers().firstValue("ETag")).as(path).isPresent();
            assertThat(r.body()).as(path).isNotEmpty();
        }
    }

    @Test
    void aMatchingEtagIsAnswered304WithoutABody() {
        HttpResponse<String> first = server.get("/console/");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = server.get("/console/", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(server.get("/console/", "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void anOldVersionAnUnknownNameAndPathWalkingAre404() {
        String app = assetPath(server.get("/console/").body(), "app.js");
        assertThat(server.get(app.replaceFirst("/assets/[0-9a-f]{12}/", "/assets/000000000000/")).statusCode()).isEqualTo(404);
        assertThat(server.get(app.replace("app.js", "index.html")).statusCode()).isEqualTo(404);
        assertThat(server.get(app.replace("app.js", "nope.js")).statusCode()).isEqualTo(404);
        assertThat(server.get(app.replace("app.js", "..%2f..%2fMETA-INF%2fMANIFEST.MF")).statusCode()).isIn(400, 404);
        assertThat(server.get("/console/ConsoleServlet.class").statusCode()).isEqualTo(404);
        HttpResponse<String> missing = server.get("/console/nothing-here");
        assertThat(missing.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(missing.body()).doesNotContain("Exception").doesNotContain(".java:");
    }

    @Test
    void onlyGetAndHeadAreAnswered() {
        HttpResponse<String> post = server.send(HttpRequest.newBuilder(server.base().resolve("/console/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = server.send(HttpRequest.newBuilder(server.base().resolve("/console/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void thePrefixWithoutItsSlashRedirectsToIt() {
        HttpResponse<String> r = server.get("/console");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void theAdminPathIsEscapedIntoThePageAndMustBeAnAbsolutePath() {
        assertThatThrownBy(() -> new ConsoleServlet("admin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adminPath");
        assertThatThrownBy(() -> new ConsoleServlet("//evil.example/admin")).isInstanceOf(IllegalArgumentException.class);
        String html = dev.webhookkit.console.internal.ConsoleAssets.load().index("/a\"><script>x</script>").contentType();
        assertThat(html).startsWith("text/html");
        String body = new String(dev.webhookkit.console.internal.ConsoleAssets.load().index("/a\"><script>x</script>").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("content=\"/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"").doesNotContain("<script>x");
    }
}
