package dev.webhookkit.verify.internal;

import dev.webhookkit.verify.SignatureEncoding;
import java.util.Arrays;
import java.util.Base64;

/**
 * Hex and base64 decoding straight from a region of a header value, so verifiers neither cut
 * substrings nor throw on bad input: a malformed region decodes to {@code null}.
 */
public final class Codec {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final byte[] BASE64_VALUES = new byte[128];

    static {
        Arrays.fill(BASE64_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Codec() {
    }

    public static byte[] decode(SignatureEncoding encoding, String s, int from, int to) {
        return encoding == SignatureEncoding.HEX ? decodeHex(s, from, to) : decodeBase64(s, from, to);
    }

    public static String encode(SignatureEncoding encoding, byte[] bytes) {
        return encoding == SignatureEncoding.HEX ? encodeHex(bytes) : encodeBase64(bytes);
    }

    /** Hex digits of either case in {@code s[from, to)}; null when odd-length, empty or not hex. */
    public static byte[] decodeHex(String s, int from, int to) {
        int len = to - from;
        if (len <= 0 || (len & 1) != 0) {
            return null;
        }
        byte[] out = new byte[len >> 1];
        for (int i = 0; i < out.length; i++) {
            int hi = hexValue(s.charAt(from + 2 * i));
            int lo = hexValue(s.charAt(from + 2 * i + 1));
            if ((hi | lo) < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public static byte[] decodeHex(String s) {
        return decodeHex(s, 0, s.length());
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static String encodeHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Standard-alphabet base64 in {@code s[from, to)}, padding optional; null when empty or not
     * base64 (whitespace, URL-safe characters and misplaced padding included).
     */
    public static byte[] decodeBase64(String s, int from, int to) {
        int end = to;
        if (end - from >= 4 && (end - from) % 4 == 0) {
            if (s.charAt(end - 1) == '=') {
                end--;
                if (s.charAt(end - 1) == '=') {
                    end--;
                }
            }
        }
        int len = end - from;
        if (len <= 0 || len % 4 == 1) {
            return null;
        }
        byte[] out = new byte[len * 3 / 4];
        int o = 0;
        int i = from;
        // whole quantums: four characters, three bytes
        for (; i + 4 <= end; i += 4) {
            int quantum = value(s.charAt(i)) << 18 | value(s.charAt(i + 1)) << 12 | value(s.charAt(i + 2)) << 6 | value(s.charAt(i + 3));
            if (quantum < 0) {
                return null;
            }
            out[o++] = (byte) (quantum >> 16);
            out[o++] = (byte) (quantum >> 8);
            out[o++] = (byte) quantum;
        }
        // the unpadded tail: two characters give one byte, three give two
        int rest = end - i;
        if (rest > 0) {
            int quantum = value(s.charAt(i)) << 18 | value(s.charAt(i + 1)) << 12 | (rest == 3 ? value(s.charAt(i + 2)) << 6 : 0);
            if (quantum < 0) {
                return null;
            }
            out[o++] = (byte) (quantum >> 16);
            if (rest == 3) {
                out[o] = (byte) (quantum >> 8);
            }
        }
        return out;
    }

    /** The 6-bit value of a base64 character, or a negative number that stays negative when shifted and or-ed. */
    private static int value(char c) {
        return c < 128 ? BASE64_VALUES[c] : -1;
    }

    public static byte[] decodeBase64(String s) {
        return decodeBase64(s, 0, s.length());
    }

    public static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
