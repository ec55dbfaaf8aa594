package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SipHashTest {
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    @Test
    void referenceBytesImplementationReproducesThePapersVectors() {
        // SipHash-2-4 paper, key 00..0f: empty message and message 00..0e.
        assertThat(bytesSipHash(K0, K1, new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
        byte[] fifteen = new byte[15];
        for (int i = 0; i < 15; i++) {
            fifteen[i] = (byte) i;
        }
        assertThat(bytesSipHash(K0, K1, fifteen)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void stringHashEqualsSipHashOfTheUtf16LittleEndianBytes() {
        SipHash h = new SipHash(K0, K1);
        Random random = new Random(20261122);
        for (int n = 0; n < 40; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append((char) random.nextInt(0xD800));
            }
            byte[] utf16le = s.toString().getBytes(StandardCharsets.UTF_16LE);
            assertThat(h.hash(s.toString())).as("length %d", n).isEqualTo(bytesSipHash(K0, K1, utf16le));
        }
    }

    @Test
    void differentKeysGiveDifferentHashes() {
        assertThat(new SipHash(1, 2).hash("delivery-123")).isNotEqualTo(new SipHash(3, 4).hash("delivery-123"));
        assertThat(new SipHash(1, 2).hash("delivery-123")).isEqualTo(new SipHash(1, 2).hash("delivery-123"));
    }

    @Test
    void spreadsSimilarKeys() {
        SipHash h = new SipHash(42, 43);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(h.hash("key-" + i));
        }
        assertThat(seen).hasSize(100_000);
    }

    /** A straightforward byte-oriented SipHash-2-4, written from the paper, to check the packed one. */
    private static long bytesSipHash(long k0, long k1, byte[] m) {
        long[] v = {0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0, 0x7465646279746573L ^ k1};
        int blocks = m.length / 8;
        for (int b = 0; b < blocks; b++) {
            long word = 0;
            for (int i = 7; i >= 0; i--) {
                word = (word << 8) | (m[b * 8 + i] & 0xFF);
            }
            v[3] ^= word;
            round(v);
            round(v);
            v[0] ^= word;
        }
        long last = ((long) m.length & 0xFF) << 56;
        for (int i = m.length - 1; i >= blocks * 8; i--) {
            last |= (long) (m[i] & 0xFF) << (8 * (i - blocks * 8));
        }
        v[3] ^= last;
        round(v);
        round(v);
        v[0] ^= last;
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void round(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }
}
