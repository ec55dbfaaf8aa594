package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definition files, JSON and YAML, with the issue-13 endpoint fields: formJsonField, integrationId, urlToken, responseModeField, actions. */
class DefinitionFileNewerFieldsTest {
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0/B0/slack-url-from-env";
    private static final String FORWARD_SECRET = "forward-secret-from-file-Qx81";
    private static final String URL_TOKEN = "tok_4f9a8b7c6d5e4f3a2b1c0d";
    private static final Map<String, String> ENV = Map.of("SLACK_URL", SLACK_URL);
    private static final EndpointJson CODEC = EndpointJson.builder()
            .actions(ActionDefinitions.builder().dispatcher(() -> null).build()).build();

    private static final String JSON = """
            {"endpoints": [
              {"name": "moxxy", "scheme": "none", "provider": "moxxy", "path": "/agents", "integrationId": "moxxy-a",
               "mode": "async", "responseModeField": "response_mode",
               "actions": [
                 {"type": "route", "rules": [
                   {"name": "db", "when": {"agent": "db-*"},
                    "then": [{"type": "notify", "format": "slack", "url": {"env": "SLACK_URL"}, "template": "{{webhook.body.message}}"}]}],
                  "default": [{"type": "forward", "urls": ["https://ops.example.com/agents"], "secret": {"file": "forward.txt"},
                               "copyHeaders": ["X-Request-Id"], "maxHops": 2}]}]},
              {"name": "forms", "scheme": "none", "formJsonField": "payload"},
              {"name": "plain-form", "scheme": "none", "formJsonField": null},
              {"name": "tokened", "scheme": "none", "urlToken": "%s"}
            ]}
            """.formatted(URL_TOKEN);

    private static final String YAML = """
            endpoints:
              - name: moxxy
                scheme: none
                provider: moxxy
                path: /agents
                integrationId: moxxy-a
                mode: async
                responseModeField: response_mode
                actions:
                  - type: route
                    rules:
                      - name: db
                        when: {agent: "db-*"}
                        then:
                          - {type: notify, format: slack, url: {env: SLACK_URL}, template: "{{webhook.body.message}}"}
                    default:
                      - type: forward
                        urls: ["https://ops.example.com/agents"]
                        secret: {file: forward.txt}
                        copyHeaders: [X-Request-Id]
                        maxHops: 2
              - {name: forms, scheme: none, formJsonField: payload}
              - {name: plain-form, scheme: none, formJsonField: null}
              - {name: tokened, scheme: none, urlToken: %s}
            """.formatted(URL_TOKEN);

    @TempDir
    Path dir;

    private DefinitionFile read(String name, String text) throws IOException {
        Files.writeString(dir.resolve("forward.txt"), FORWARD_SECRET + "\n", StandardCharsets.UTF_8);
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return DefinitionFile.reader().endpointJson(CODEC).environment(ENV::get).read(file);
    }

    @Test
    void jsonAndYamlReadTheNewerFieldsToTheSameEndpoints() throws IOException {
        DefinitionFile json = read("webhooks.json", JSON);
        DefinitionFile yaml = read("webhooks.yaml", YAML);

        assertThat(yaml.endpoints()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(CODEC.toStored(yaml.endpoints().get(i))).isEqualTo(CODEC.toStored(json.endpoints().get(i)));
        }
        for (DefinitionFile file : new DefinitionFile[] {json, yaml}) {
            Endpoint moxxy = file.endpoints().get(0);
            assertThat(moxxy.integrationId()).contains("moxxy-a");
            assertThat(moxxy.responseModeField()).contains("response_mode");
            assertThat(moxxy.mode()).isEqualTo(HandlerMode.ASYNC);
            assertThat(moxxy.mapper().id()).isEqualTo("moxxy");
            assertThat(file.endpoints().get(1).formJsonField()).contains("payload");
            assertThat(file.endpoints().get(2).formJsonField()).as("null: no form field, not the scheme's default").isEmpty();
            assertThat(CODEC.toStored(file.endpoints().get(2)).get("formJsonField").isNull()).isTrue();
            Endpoint tokened = file.endpoints().get(3);
            assertThat(tokened.urlToken()).contains(URL_TOKEN);
            assertThat(tokened.acceptsUrlToken(URL_TOKEN)).isTrue();
            assertThat(tokened.acceptsUrlToken(URL_TOKEN + "x")).isFalse();
        }
    }

    @Test
    void theActionsSecretReferencesAreResolvedAndStayOutOfTheView() throws IOException {
        Endpoint moxxy = read("webhooks.yaml", YAML).endpoints().get(0);

        String stored = CODEC.encode(moxxy);
        assertThat(stored).contains(SLACK_URL, FORWARD_SECRET).doesNotContain("\"env\"", "\"file\"", FORWARD_SECRET + "\\n");
        String view = CODEC.toView(moxxy, Instant.now()).toString();
        assertThat(view).doesNotContain(SLACK_URL, FORWARD_SECRET, URL_TOKEN);
        assertThat(view).contains("\"target\":\"https://hooks.slack.com/\u2026\"", "\"secretSet\":true", "https://ops.example.com/agents");
        assertThat(EndpointJson.actionsOf(moxxy).orElseThrow().subscriptions()).hasSize(2);
        assertThat(CODEC.toView(read("webhooks.json", JSON).endpoints().get(3), Instant.now()).get("urlTokenSet").asBoolean()).isTrue();
    }

    @Test
    void aMissingVariableInAnActionNamesTheEndpointAndTheField() throws IOException {
        String text = JSON.replace("SLACK_URL", "NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> read("webhooks.json", text)).isInstanceOf(DefinitionFileException.class)
                .hasMessageContaining("endpoints[0] 'moxxy'")
                .hasMessageContaining("actions[0].rules[0].then[0].url")
                .hasMessageContaining("NOT_SET_ANYWHERE");
    }

    @Test
    void aBadActionFieldInYamlNamesItsPathAndQuotesNoSecret() throws IOException {
        String text = YAML.replace("format: slack", "format: pager");
        assertThatThrownBy(() -> read("webhooks.yaml", text)).isInstanceOf(DefinitionFileException.class)
                .hasMessageContaining("actions[0].rules[0].then[0].format")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SLACK_URL, FORWARD_SECRET));
    }

    @Test
    void anIntegrationIdWithoutAPathAndAUrlTokenWithAPathAreRefusedWithTheirField() throws IOException {
        assertThatThrownBy(() -> read("a.yaml", "endpoints: [{name: a, scheme: none, integrationId: x}]"))
                .isInstanceOf(DefinitionFileException.class).hasMessageContaining("integrationId");
        assertThatThrownBy(() -> read("b.yaml", "endpoints: [{name: b, scheme: none, path: /b, urlToken: " + URL_TOKEN + "}]"))
                .isInstanceOf(DefinitionFileException.class).hasMessageContaining("urlToken")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(URL_TOKEN));
    }
}
