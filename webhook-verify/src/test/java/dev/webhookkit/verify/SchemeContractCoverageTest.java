package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.verify.internal.BuiltInSchemes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every built-in scheme that can sign has a {@link SchemeContract} suite; {@code sns}, which only
 * AWS can sign, is covered by {@link SnsSchemeTest} instead. A new built-in scheme fails here until
 * its contract suite is added to the list.
 */
class SchemeContractCoverageTest {
    private static final List<SchemeContract> SUITES = List.of(new HmacSha256SchemeTest(), new GithubSchemeTest(),
            new BitbucketSchemeTest(), new GitlabSchemeTest(), new SharedSecretSchemeTest(), new BasicAuthSchemeTest(),
            new BearerTokenSchemeTest(), new StandardWebhooksSchemeTest(), new StandardWebhooksEd25519SchemeTest(),
            new SvixSchemeTest(), new StripeSchemeTest(), new SlackSchemeTest(), new ShopifySchemeTest(), new TwilioSchemeTest(),
            new PagerDutySchemeTest(), new SentrySchemeTest(), new DiscordSchemeTest(), new GrafanaSchemeTest(),
            new GrafanaTimestampedSchemeTest(), new SplunkObservabilitySchemeTest(), new HoneycombSchemeTest(),
            new SplunkOncallSchemeTest(), new TelegramSchemeTest(), new AgnoxSchemeTest());

    @Test
    void everyBuiltInSchemeThatSignsPassesTheContractAndOnlySnsDoesNot() {
        List<String> covered = SUITES.stream().map(s -> s.scheme().schemeId()).distinct().toList();
        Stream<SchemeDescriptor> builtIn = BuiltInSchemes.all().stream();
        List<String> signing = BuiltInSchemes.all().stream().filter(SchemeDescriptor::canSign).map(SchemeDescriptor::id).toList();

        assertThat(covered).containsExactlyInAnyOrderElementsOf(signing);
        assertThat(builtIn.filter(d -> !covered.contains(d.id())).map(SchemeDescriptor::id)).containsExactly("sns");
    }
}
