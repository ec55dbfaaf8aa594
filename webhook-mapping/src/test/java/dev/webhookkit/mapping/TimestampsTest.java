package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("2026-03-04T14:00:12.845Z", "2026-03-04T14:00:12.845Z"),
                Arguments.of("2026-03-04T14:00:12.845+0000", "2026-03-04T14:00:12.845Z"),
                Arguments.of("2026-03-04T14:00:12.845+00:00", "2026-03-04T14:00:12.845Z"),
                Arguments.of("2026-03-05T13:59:48+01:00", "2026-03-05T12:59:48Z"),
                Arguments.of("2026-03-05T13:59:48-0500", "2026-03-05T18:59:48Z"),
                Arguments.of("2026-03-05T13:59:48+01", "2026-03-05T12:59:48Z"),
                Arguments.of("2026-03-04T15:10:27.1234567Z", "2026-03-04T15:10:27.123456700Z"),
                Arguments.of("2016-08-12 15:23:28 UTC", "2016-08-12T15:23:28Z"),
                Arguments.of("2016-08-12 15:23:28 GMT", "2016-08-12T15:23:28Z"),
                Arguments.of("2016-08-12 15:23:28 +0200", "2016-08-12T13:23:28Z"),
                Arguments.of("2026-03-04 22:00:31.412", "2026-03-04T22:00:31.412Z"),
                Arguments.of("2026-03-04T20:00:00", "2026-03-04T20:00:00Z"),
                Arguments.of("2026-03-04T20:00", "2026-03-04T20:00:00Z"),
                Arguments.of("2026-03-04", "2026-03-04T00:00:00Z"),
                Arguments.of("1772650800", "2026-03-04T19:00:00Z"),
                Arguments.of("1772623215.421", "2026-03-04T11:20:15.421Z"),
                Arguments.of("1772618400000", "2026-03-04T10:00:00Z"),
                Arguments.of("1772618400000123", "2026-03-04T10:00:00.000123Z"),
                Arguments.of("1420452193166002000", "2015-01-05T10:03:13.166002Z"),
                Arguments.of("Wed Mar 04 17:02:11 UTC 2026", "2026-03-04T17:02:11Z"),
                Arguments.of("Tue, 3 Jun 2008 11:05:30 GMT", "2008-06-03T11:05:30Z"),
                Arguments.of("  2026-03-04T14:00:12Z  ", "2026-03-04T14:00:12Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void parsesEveryDocumentedShape(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @Test
    void picksTheEpochUnitByMagnitudeForJsonNumbers() {
        assertThat(Timestamps.parse(NODES.numberNode(1772644000L))).contains(Instant.parse("2026-03-04T17:06:40Z"));
        assertThat(Timestamps.parse(NODES.numberNode(1772622000123L))).contains(Instant.parse("2026-03-04T11:00:00.123Z"));
        assertThat(Timestamps.parse(NODES.numberNode(1772721000123000000L))).contains(Instant.parse("2026-03-05T14:30:00.123Z"));
        assertThat(Timestamps.parse(NODES.numberNode(1772623215.421))).contains(Instant.parse("2026-03-04T11:20:15.421Z"));
    }

    @Test
    void readsGoZeroTimeAsYearOne() {
        assertThat(Timestamps.parse("0001-01-01T00:00:00Z")).contains(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "yesterday", "*alertDateTime*", "2026-13-45T99:99:99Z", "2026-03-04X10:00", "12:30:00",
        "Wed Foo 04 17:02:11 UTC 2026", "1e400", "--5", "2026-02-30T10:00:00Z", "2026-03-04T24:00:00Z", "9999999999999999999999999999999", "{PID}", "2026-03-04T10:00:00+25:00"})
    void givesEmptyForTextThatIsNoTimestamp(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-04T10:00:00+18:30", "2026-03-04T10:00:60Z", "2026-03-04T10:60:00.5Z", "2026-02-29T10:00:00Z"})
    void givesEmptyForOutOfRangeFieldsAndOffsetsInTheCommonShape(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void readsTheCommonShapeWithOffsetsUpToEighteenHours() {
        assertThat(Timestamps.parse("2026-03-04T10:00:00.5-18:00")).contains(Instant.parse("2026-03-05T04:00:00.5Z"));
        assertThat(Timestamps.parse("2024-02-29T23:59:59.123456789+05:30")).contains(Instant.parse("2024-02-29T18:29:59.123456789Z"));
    }

    @Test
    void givesEmptyForNullAndNonScalarNodes() {
        assertThat(Timestamps.parse((String) null)).isEmpty();
        assertThat(Timestamps.parse((JsonNode) null)).isEmpty();
        assertThat(Timestamps.parse(NODES.nullNode())).isEmpty();
        assertThat(Timestamps.parse(NODES.objectNode())).isEmpty();
        assertThat(Timestamps.parse(NODES.booleanNode(true))).isEmpty();
        assertThat(Timestamps.parse(NODES.numberNode(new BigDecimal("1e400")))).isEmpty();
    }

    @Test
    void neverThrowsOnRandomText() {
        Random random = new Random(20260304L);
        String alphabet = "0123456789-:T Z+.UTCGMWedMarSun,/";
        IntStream.range(0, 5000).forEach(i -> {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(32);
            for (int c = 0; c < len; c++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThatCode(() -> {
                Optional<Instant> parsed = Timestamps.parse(text);
                assertThat(parsed).isNotNull();
            }).as("parse(%s)", text).doesNotThrowAnyException();
        });
    }
}
