package dev.webhookkit.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both engines compute the same RFC 8032 Ed25519: vectors, each other's signatures, and the same refusals. */
class Ed25519EngineTest {
    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72).
    private static final byte[] SEED = Codec.decodeHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static final byte[] PUBLIC = Codec.decodeHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] MESSAGE = {0x72};
    private static final byte[] SIGNATURE = Codec.decodeHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    /** The order of the base point, little-endian as it is added to S. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    static Stream<Ed25519Engine> engines() {
        return Stream.of(Ed25519Engine.jdk(), Ed25519Engine.bouncyCastle());
    }

    @Test
    void bestIsBouncyCastleWhenItIsOnTheClassPath() {
        assertThat(Ed25519Engine.bouncyCastlePresent()).isTrue();
        assertThat(Ed25519Engine.best().name()).isEqualTo("bouncycastle");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void signsAndVerifiesTheRfc8032Vector(Ed25519Engine engine) {
        assertThat(engine.signer(SEED).sign(new byte[0], MESSAGE)).isEqualTo(SIGNATURE);
        assertThat(engine.signer(SEED).sign(MESSAGE, new byte[0])).isEqualTo(SIGNATURE);
        assertThat(engine.verifier(PUBLIC).verify(SIGNATURE, new byte[0], MESSAGE)).isTrue();
        assertThat(engine.verifier(PUBLIC).verify(SIGNATURE, MESSAGE, new byte[] {1})).isFalse();
    }

    @Test
    void eachVerifiesTheOthersSignaturesAndRefusesTamperedOnes() {
        Random random = new Random(8032);
        for (int i = 0; i < 50; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] first = new byte[random.nextInt(40)];
            byte[] second = new byte[random.nextInt(2000)];
            random.nextBytes(first);
            random.nextBytes(second);
            byte[] publicKey = publicKeyOf(seed);
            for (Ed25519Engine signer : List.of(Ed25519Engine.jdk(), Ed25519Engine.bouncyCastle())) {
                byte[] signature = signer.signer(seed).sign(first, second);
                byte[] tampered = second.length == 0 ? new byte[] {1} : flipLastBit(second);
                engines().forEach(verifier -> {
                    assertThat(verifier.verifier(publicKey).verify(signature, first, second)).as(verifier.name()).isTrue();
                    assertThat(verifier.verifier(publicKey).verify(signature, first, tampered)).as(verifier.name()).isFalse();
                    assertThat(verifier.verifier(publicKey).verify(flipLastBit(signature), first, second)).as(verifier.name()).isFalse();
                });
            }
        }
    }

    /** S + L verifies the same equation: an implementation that skips the S < L check accepts a second signature. */
    @ParameterizedTest
    @MethodSource("engines")
    void refusesTheMalleatedSignatureWithSPlusL(Ed25519Engine engine) {
        byte[] s = reverse(Arrays.copyOfRange(SIGNATURE, 32, 64));
        byte[] sPlusL = reverse(toFixed(new BigInteger(1, s).add(L)));
        byte[] malleated = Arrays.copyOf(SIGNATURE, 64);
        System.arraycopy(sPlusL, 0, malleated, 32, 32);
        assertThat(engine.verifier(PUBLIC).verify(malleated, new byte[0], MESSAGE)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void refusesSignaturesOfTheWrongLength(Ed25519Engine engine) {
        assertThat(engine.verifier(PUBLIC).verify(Arrays.copyOf(SIGNATURE, 63), new byte[0], MESSAGE)).isFalse();
        assertThat(engine.verifier(PUBLIC).verify(new byte[0], new byte[0], MESSAGE)).isFalse();
    }

    /**
     * BouncyCastle refuses a key that is not a curve point when it is parsed; the JDK's provider may
     * take it and refuse at each signature. Either way no signature verifies under it.
     */
    @Test
    void aPublicKeyThatIsNotACurvePointVerifiesNothingInEither() {
        Random random = new Random(25519);
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            candidate[31] &= 0x7f;
            if (accepts(Ed25519Engine.bouncyCastle(), candidate)) {
                continue;
            }
            refused++;
            if (accepts(Ed25519Engine.jdk(), candidate)) {
                assertThat(Ed25519Engine.jdk().verifier(candidate).verify(SIGNATURE, new byte[0], MESSAGE)).isFalse();
            }
        }
        assertThat(refused).as("about half of random encodings are not on the curve").isBetween(40, 160);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void refusesKeysOfTheWrongLength(Ed25519Engine engine) {
        assertThatThrownBy(() -> engine.verifier(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.signer(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesAreTheTwoPartsConcatenated() {
        byte[] whole = "1700000000{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519Engine.jdk().signer(SEED).sign(new byte[0], whole);
        engines().forEach(e -> assertThat(e.verifier(PUBLIC).verify(signature,
                Arrays.copyOf(whole, 10), Arrays.copyOfRange(whole, 10, whole.length))).as(e.name()).isTrue());
    }

    private static boolean accepts(Ed25519Engine engine, byte[] key) {
        try {
            engine.verifier(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key from the JDK's own key pair derivation, independent of both engines' signing code. */
    private static byte[] publicKeyOf(byte[] seed) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new FixedSeed(seed));
            return Ed25519Keys.rawPublic(generator.generateKeyPair().getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A "random" source that hands out one fixed seed, so the JDK derives the key pair of that seed. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    private static byte[] flipLastBit(byte[] in) {
        byte[] out = in.clone();
        out[out.length - 1] ^= 1;
        return out;
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] toFixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
