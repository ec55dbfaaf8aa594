package dev.webhookkit.outbound.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Message ids: {@code msg_} and 26 base-32 characters holding 128 random bits, as Standard Webhooks' examples look. */
public final class MessageIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private MessageIds() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = r.nextLong();
        long lo = r.nextLong();
        char[] out = new char[30];
        out[0] = 'm';
        out[1] = 's';
        out[2] = 'g';
        out[3] = '_';
        for (int j = 0; j < 13; j++) {
            out[4 + j] = ALPHABET[(int) (hi >>> (60 - 5 * j)) & 31];
            out[17 + j] = ALPHABET[(int) (lo >>> (60 - 5 * j)) & 31];
        }
        return new String(out);
    }
}
