package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionFileTest {
    private static final String GITHUB_SECRET = "gh-secret-from-env-7Yq2";
    private static final String OPS_SECRET = "ops-secret-from-file-Lm40";
    private static final String INLINE_SECRET = "inline-secret-Pz93";
    private static final Map<String, String> ENV = Map.of("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET, "EMPTY", "");

    private static final String JSON = """
            {
              "endpoints": [
                {"name": "github", "scheme": "github", "secrets": [{"env": "GITHUB_WEBHOOK_SECRET"}], "provider": "github",
                 "ipAllowlist": ["192.30.252.0/22"], "rateLimit": {"permits": 50, "periodSeconds": 1}},
                {"name": "orders", "scheme": "standard-webhooks", "secrets": [{"id": "k1", "value": {"file": "secrets/orders.txt"}}],
                 "enabled": false, "attributes": {"team": "shop"}}
              ],
              "subscriptions": [
                {"id": "ops", "url": "https://ops.example.com/hooks", "secret": {"file": "secrets/ops.txt"},
                 "eventTypes": ["incident.*"], "ordered": true}
              ]
            }
            """;

    private static final String YAML = """
            # the same definitions as JSON above
            endpoints:
              - name: github
                scheme: github
                secrets: [{env: GITHUB_WEBHOOK_SECRET}]
                provider: github
                ipAllowlist: ["192.30.252.0/22"]
                rateLimit: {permits: 50, periodSeconds: 1}
              - name: orders
                scheme: standard-webhooks
                secrets:
                  - id: k1
                    value: {file: secrets/orders.txt}
                enabled: false
                attributes:
                  team: shop
            subscriptions:
              - id: ops
                url: https://ops.example.com/hooks
                secret: {file: secrets/ops.txt}
                eventTypes: ["incident.*"]
                ordered: true
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private DefinitionFile read(Path file) {
        return DefinitionFile.reader().environment(ENV::get).read(file);
    }

    private Path withSecretFiles(String name, String text) throws IOException {
        write("secrets/ops.txt", OPS_SECRET + "\n"); // echo's line break is not part of the secret
        write("secrets/orders.txt", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        return write(name, text);
    }

    @Test
    void readsYamlAndJsonToEqualEntries() throws IOException {
        DefinitionFile json = read(withSecretFiles("webhooks.json", JSON));
        DefinitionFile yaml = read(withSecretFiles("webhooks.yaml", YAML));

        assertThat(json.endpoints()).extracting(Endpoint::name).containsExactly("github", "orders");
        EndpointJson codec = EndpointJson.defaults();
        for (int i = 0; i < 2; i++) {
            assertThat(codec.toStored(yaml.endpoints().get(i))).isEqualTo(codec.toStored(json.endpoints().get(i)));
        }
        assertThat(yaml.subscriptions()).isEqualTo(json.subscriptions());
        assertThat(json.subscriptions()).extracting(Subscription::id).containsExactly("ops");
        assertThat(yaml.subscriptions().get(0).ordered()).as("ordered delivery, issue 16").isTrue();
        assertThat(json.endpoints().get(1).enabled()).isFalse();
    }

    @Test
    void readsTheYmlExtensionAsYaml() throws IOException {
        DefinitionFile yml = read(withSecretFiles("webhooks.yml", YAML));

        assertThat(yml.endpoints()).hasSize(2);
    }

    @Test
    void resolvesEnvAndFileReferencesSoTheEndpointVerifiesWithTheSecret() throws IOException {
        DefinitionFile file = read(withSecretFiles("webhooks.json", JSON));
        Endpoint github = file.endpoints().get(0);
        WebhookReceiver receiver = WebhookReceiver.builder().endpoint(github).build();
        byte[] body = "{\"zen\":\"hi\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        Headers signed = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(GITHUB_SECRET));
        Headers wrong = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues("another"));

        // 192.30.252.1 is in the allowlist; a ping handshake is answered once the signature verifies
        assertThat(receiver.receive("github", request(body, signed))
                .reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(receiver.receive("github", request(body, wrong))
                .reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        receiver.close();

        String stored = SubscriptionJson.instance().encode(file.subscriptions().get(0));
        assertThat(stored).contains(OPS_SECRET).doesNotContain(OPS_SECRET + "\\n");
    }

    private static WebhookRequest request(byte[] body, Headers signature) {
        return WebhookRequest.builder().body(body).headers(signature.toBuilder().add("X-GitHub-Event", "ping").build())
                .remoteAddress("192.30.252.1").build();
    }

    @Test
    void takesInlineSecrets() throws IOException {
        Path file = write("inline.yaml", """
                endpoints:
                  - {name: a, scheme: hmac-sha256, secrets: [%s]}
                subscriptions:
                  - {id: s, url: "https://s.example/", secret: %s}
                """.formatted(INLINE_SECRET, INLINE_SECRET));

        DefinitionFile read = read(file);

        assertThat(EndpointJson.defaults().encode(read.endpoints().get(0))).contains(INLINE_SECRET);
        assertThat(SubscriptionJson.instance().encode(read.subscriptions().get(0))).contains(INLINE_SECRET);
    }

    @Test
    void aMissingEnvironmentVariableNamesTheFileTheEntryAndTheField() throws IOException {
        Path file = write("webhooks.yaml", """
                endpoints:
                  - name: ok
                    scheme: hmac-sha256
                    secrets: [%s]
                  - name: github
                    scheme: github
                    secrets: [{env: NOT_SET}]
                """.formatted(INLINE_SECRET));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessage(file + ": endpoints[1] 'github': secrets[0]: environment variable 'NOT_SET' is not set")
                .satisfies(e -> {
                    DefinitionFileException d = (DefinitionFileException) e;
                    assertThat(d.file()).isEqualTo(file);
                    assertThat(d.entry()).hasValue("endpoints[1] 'github'");
                    assertThat(d.field()).hasValue("secrets[0]");
                });
    }

    @Test
    void anEmptyEnvironmentVariableOrSecretFileIsRefused() throws IOException {
        write("empty.txt", "\n");
        Path envFile = write("env.json", "{\"subscriptions\":[{\"id\":\"s\",\"url\":\"https://s.example/\",\"secret\":{\"env\":\"EMPTY\"}}]}");
        Path fileFile = write("file.json", "{\"subscriptions\":[{\"id\":\"s\",\"url\":\"https://s.example/\",\"secret\":{\"file\":\"empty.txt\"}}]}");
        Path missing = write("missing.json", "{\"subscriptions\":[{\"id\":\"s\",\"url\":\"https://s.example/\",\"secret\":{\"file\":\"nope.txt\"}}]}");

        assertThatThrownBy(() -> read(envFile)).hasMessage(envFile + ": subscriptions[0] 's': secret: environment variable 'EMPTY' is empty");
        assertThatThrownBy(() -> read(fileFile)).hasMessage(fileFile + ": subscriptions[0] 's': secret: secret file 'empty.txt' is empty");
        assertThatThrownBy(() -> read(missing)).hasMessage(missing + ": subscriptions[0] 's': secret: secret file 'nope.txt' does not exist");
    }

    @Test
    void anUnknownFieldInAnEntryIsNamed() throws IOException {
        Path file = write("webhooks.json", "{\"endpoints\":[{\"name\":\"a\",\"scheme\":\"none\",\"colour\":\"red\"}]}");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessage(file + ": endpoints[0] 'a': colour: unknown field");
    }

    @Test
    void anUnknownTopLevelFieldIsNamed() throws IOException {
        Path file = write("webhooks.yaml", "endpoint:\n  - name: a\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessageStartingWith(file + ": endpoint: unknown field");
    }

    @Test
    void anInvalidValueIsRefusedWithTheBuildersRuleNamingTheField() throws IOException {
        Path file = write("webhooks.json", "{\"endpoints\":[{\"name\":\"a\",\"scheme\":\"none\",\"ipAllowlist\":[\"10.0.0.0/8\",\"not-a-cidr\"]}]}");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessageStartingWith(file + ": endpoints[0] 'a': ipAllowlist[1]: ");
    }

    @Test
    void aSyntaxErrorNamesLineAndColumnButQuotesNothingOfTheFile() throws IOException {
        Path json = write("bad.json", "{\"endpoints\": [\n  {\"name\": \"a\", \"secrets\": [\"" + INLINE_SECRET + "\" oops]}\n]}");
        Path yaml = write("bad.yaml", "endpoints:\n  - name: a\n    secrets: [" + INLINE_SECRET + "\n  - : : :\n");

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessageStartingWith(json + ": is not valid JSON at line 2, column ")
                .hasMessageNotContaining(INLINE_SECRET).hasMessageNotContaining("oops");
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessageStartingWith(yaml + ": is not valid YAML at line ")
                .hasMessageNotContaining(INLINE_SECRET);
    }

    @Test
    void aFieldGivenTwiceIsRefusedInJsonAndYaml() throws IOException {
        Path json = write("twice.json", "{\"endpoints\":[{\"name\":\"a\",\"scheme\":\"none\",\"scheme\":\"github\"}]}");
        Path yaml = write("twice.yaml", "endpoints:\n  - name: a\n    scheme: none\n    scheme: github\n");

        assertThatThrownBy(() -> read(json)).hasMessageContaining("Duplicate field 'scheme'");
        assertThatThrownBy(() -> read(yaml)).hasMessageContaining("Duplicate field 'scheme'");
    }

    @Test
    void aNameDefinedTwiceIsRefused() throws IOException {
        Path file = write("twice.yaml", """
                endpoints:
                  - {name: a, scheme: none}
                  - {name: b, scheme: none}
                  - {name: a, scheme: none}
                """);

        assertThatThrownBy(() -> read(file))
                .hasMessage(file + ": endpoints[2] 'a': name: 'a' is defined twice (also endpoints[0])");
    }

    @Test
    void refusesAFileThatIsEmptyMissingNotAnObjectOrOfAnotherKind() throws IOException {
        Path empty = write("empty.yaml", "# nothing here\n");
        Path list = write("list.json", "[]");
        Path toml = write("webhooks.toml", "");
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> read(empty)).isInstanceOf(DefinitionFileException.class).hasMessageStartingWith(empty + ": is empty");
        assertThatThrownBy(() -> read(list)).hasMessageStartingWith(list + ": must hold one object");
        assertThatThrownBy(() -> read(toml)).hasMessage(toml + ": must end in .json, .yaml or .yml");
        assertThatThrownBy(() -> read(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void readsAFileWithOnlySubscriptionsOrNothingInTheLists() throws IOException {
        Path file = write("subs.yaml", "endpoints: []\nsubscriptions:\n  - {id: s, url: \"https://s.example/\", secret: x-secret-123}\n");

        DefinitionFile read = read(file);

        assertThat(read.endpoints()).isEmpty();
        assertThat(read.subscriptions()).extracting(Subscription::id).containsExactly("s");
        assertThat(read.toString()).isEqualTo("DefinitionFile[" + file + ": 0 endpoints, 1 subscriptions]").doesNotContain("x-secret-123");
    }
}
