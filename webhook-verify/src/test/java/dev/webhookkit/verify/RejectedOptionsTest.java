package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A scheme built with an option it does not honour refuses it instead of dropping it. */
class RejectedOptionsTest {
    /** One way to set each option; {@link #samplesCoverEveryOption()} keeps it complete. */
    private static final Map<SchemeOption, Consumer<SchemeOptions.Builder>> SAMPLE = samples();

    @Test
    void aHeaderNameForASchemeWithFixedHeadersIsRefused() {
        assertThatThrownBy(() -> Schemes.stripe(SchemeOptions.builder().signatureHeader("X-Sig").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("scheme stripe does not use signatureHeader; it honours timestampPolicy, maxHeaderLength");
        assertThatThrownBy(() -> Schemes.byId("standard-webhooks", SchemeOptions.builder().acceptHeader("X-Signature").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("standard-webhooks").hasMessageContaining("acceptHeader");
    }

    @Test
    void aTimestampPolicyForASchemeWithoutTimestampsIsRefused() {
        SchemeOptions window = SchemeOptions.builder().timestampPolicy(TimestampPolicy.tolerance(Duration.ofMinutes(1))).build();
        assertThatThrownBy(() -> Schemes.byId("github", window))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("scheme github does not use timestampPolicy;");
        assertThatThrownBy(() -> Schemes.grafana(window))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("grafana").hasMessageContaining("timestampPolicy").hasMessageContaining("timestampHeader");
        assertThat(Schemes.grafana(window.toBuilder().timestampHeader("X-Grafana-Alerting-Signature-Timestamp").build()).schemeId())
                .isEqualTo("grafana");
    }

    @Test
    void snsSettingsForAnotherSchemeAreRefused() {
        assertThatThrownBy(() -> Schemes.github(SchemeOptions.builder().snsTopicArns("arn:aws:sns:us-east-1:123456789012:alarms").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("scheme github does not use snsTopicArns;");
        assertThatThrownBy(() -> Schemes.sns(SchemeOptions.builder().maxHeaderLength(1024).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("scheme sns does not use maxHeaderLength; it honours timestampPolicy, snsCertificateSource, snsTopicArns");
    }

    @Test
    void everyRefusedOptionIsNamed() {
        SchemeOptions several = SchemeOptions.builder().prefix("").encoding(SignatureEncoding.BASE64).acceptHeader("X-Sig").build();
        assertThatThrownBy(() -> Schemes.twilio(several))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("scheme twilio does not use prefix, encoding, acceptHeader;");
    }

    @Test
    void anOptionGivenItsDefaultValueStillCounts() {
        SchemeOptions explicit = SchemeOptions.builder().maxHeaderLength(SchemeOptions.DEFAULT_MAX_HEADER_LENGTH).build();
        assertThat(explicit.setOptions()).containsExactly(SchemeOption.MAX_HEADER_LENGTH);
        assertThat(explicit.toBuilder().build().setOptions()).containsExactly(SchemeOption.MAX_HEADER_LENGTH);
        assertThat(SchemeOptions.defaults().setOptions()).isEmpty();
        assertThatThrownBy(() -> Schemes.sns(explicit)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sns").hasMessageContaining("maxHeaderLength");
        assertThat(Schemes.github(explicit).schemeId()).isEqualTo("github");
    }

    @Test
    void samplesCoverEveryOption() {
        assertThat(SAMPLE.keySet()).isEqualTo(EnumSet.allOf(SchemeOption.class));
        SAMPLE.forEach((option, setter) -> assertThat(with(Set.of(option)).setOptions()).as(option.name()).containsExactly(option));
    }

    @Test
    void everyRegisteredSchemeAcceptsExactlyItsDeclaredOptions() {
        for (SchemeDescriptor d : Schemes.descriptors()) {
            Set<SchemeOption> declared = d.options();
            assertThat(d.create(with(declared)).schemeId()).as(d.id() + " with " + declared).isEqualTo(d.id());
            for (SchemeOption option : declared) {
                if (!(d.id().equals("grafana") && option == SchemeOption.TIMESTAMP_POLICY)) { // needs timestampHeader, tested above
                    assertThatCode(() -> d.create(with(Set.of(option)))).as(d.id() + " with " + option).doesNotThrowAnyException();
                }
            }
            for (SchemeOption option : EnumSet.complementOf(EnumSet.copyOf(declared))) {
                assertThatThrownBy(() -> d.create(with(Set.of(option)))).as(d.id() + " with " + option)
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith("scheme " + d.id() + " does not use " + option.settingName() + ";");
                Set<SchemeOption> plusOne = EnumSet.copyOf(declared);
                plusOne.add(option);
                assertThatThrownBy(() -> Schemes.byId(d.id(), with(plusOne))).as(d.id() + " with " + plusOne)
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith("scheme " + d.id() + " does not use " + option.settingName() + ";");
            }
        }
    }

    @Test
    void descriptorsAgreeWithTheirSchemes() {
        assertThat(Schemes.descriptors()).extracting(SchemeDescriptor::id).containsExactlyElementsOf(Schemes.ids());
        for (SchemeDescriptor d : Schemes.descriptors()) {
            SignatureScheme scheme = Schemes.byId(d.id());
            assertThat(scheme.requiresSecrets()).as(d.id()).isEqualTo(d.requiresSecrets());
            assertThat(scheme.canSign()).as(d.id()).isEqualTo(d.canSign());
            assertThat(d.summary()).as(d.id()).isNotBlank();
        }
    }

    private static SchemeOptions with(Set<SchemeOption> options) {
        SchemeOptions.Builder b = SchemeOptions.builder();
        options.forEach(o -> SAMPLE.get(o).accept(b));
        return b.build();
    }

    private static Map<SchemeOption, Consumer<SchemeOptions.Builder>> samples() {
        Map<SchemeOption, Consumer<SchemeOptions.Builder>> m = new EnumMap<>(SchemeOption.class);
        m.put(SchemeOption.SIGNATURE_HEADER, b -> b.signatureHeader("X-Custom-Signature"));
        m.put(SchemeOption.PREFIX, b -> b.prefix("v9="));
        m.put(SchemeOption.ENCODING, b -> b.encoding(SignatureEncoding.BASE64));
        m.put(SchemeOption.ACCEPT_HEADER, b -> b.acceptHeader("X-Signature"));
        m.put(SchemeOption.TIMESTAMP_HEADER, b -> b.timestampHeader("X-Custom-Timestamp"));
        m.put(SchemeOption.TIMESTAMP_POLICY, b -> b.timestampPolicy(TimestampPolicy.ignore()));
        m.put(SchemeOption.SNS_CERTIFICATE_SOURCE, b -> b.snsCertificateSource(url -> {
            throw new AssertionError("not fetched while building");
        }));
        m.put(SchemeOption.SNS_TOPIC_ARNS, b -> b.snsTopicArns("arn:aws:sns:eu-west-1:123456789012:alarms"));
        m.put(SchemeOption.MAX_HEADER_LENGTH, b -> b.maxHeaderLength(2048));
        return m;
    }

}
