package dev.webhookkit.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void base64AgreesWithTheJdkOnRandomInputs() {
        Random random = new Random(20261122);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(80) + 1];
            random.nextBytes(bytes);
            String padded = Base64.getEncoder().encodeToString(bytes);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            assertThat(Codec.decodeBase64(padded)).isEqualTo(bytes);
            assertThat(Codec.decodeBase64(unpadded)).isEqualTo(bytes);
            String framed = "v1," + padded + " next";
            assertThat(Codec.decodeBase64(framed, 3, 3 + padded.length())).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "ab=c", "ab c", "ab-_", "abc==", "====", "Zm9v\n", "Zm9v!"})
    void rejectsInvalidBase64(String text) {
        assertThat(Codec.decodeBase64(text)).isNull();
    }

    @Test
    void hexRoundTripsAndAcceptsEitherCase() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(40) + 1];
            random.nextBytes(bytes);
            String hex = Codec.encodeHex(bytes);
            assertThat(hex).matches("[0-9a-f]+");
            assertThat(Codec.decodeHex(hex)).isEqualTo(bytes);
            assertThat(Codec.decodeHex(hex.toUpperCase(java.util.Locale.ROOT))).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "abc", "zz", "0g", " 00"})
    void rejectsInvalidHex(String text) {
        assertThat(Codec.decodeHex(text)).isNull();
    }
}
