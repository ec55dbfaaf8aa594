package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;

import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.verify.SignatureEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * The signatures of one version found in a list header such as {@code v1=<hex>,v1=<hex>}
 * (PagerDuty, Stripe) or {@code v1,<base64> v1,<base64>} (Standard Webhooks).
 *
 * <p>Entries of other versions are skipped, so senders can add new ones; an entry of the expected
 * version that does not decode to a signature of the right length, or an entry that is not
 * {@code <version><marker><value>} at all, makes the header malformed when nothing usable is left.
 *
 * <p>A header with more than {@link #MAX_ENTRIES} entries is malformed as a whole and nothing in
 * it is decoded, so a sender cannot make one request cost many signature checks: the work per
 * request is at most {@code MAX_ENTRIES} entries times the endpoint's active secrets.
 *
 * @param signatures the decoded signatures of the expected version
 * @param malformed whether an unreadable entry was seen
 */
public record SignatureList(List<byte[]> signatures, boolean malformed) {
    /**
     * The most entries (of any version) read from one signature header. Senders add one per active
     * secret while rotating, rarely more than two or three; five leaves room and bounds the work.
     */
    public static final int MAX_ENTRIES = 5;

    private static final SignatureList TOO_MANY = new SignatureList(List.of(), true);

    /**
     * @param separator between entries ({@code ','} or {@code ' '})
     * @param version the version and its marker, e.g. {@code v1=} or {@code v1,}
     * @param length the length of a valid signature in bytes
     */
    public static SignatureList parse(String header, char separator, String version, SignatureEncoding encoding, int length) {
        return parse(header, separator, version, encoding, length, MAX_ENTRIES);
    }

    /**
     * @param maxEntries entries beyond which the header is refused as malformed before decoding
     *     (Stripe passes one more for its {@code t=} entry)
     */
    public static SignatureList parse(String header, char separator, String version, SignatureEncoding encoding, int length,
            int maxEntries) {
        if (tooManyEntries(header, separator, maxEntries)) {
            return TOO_MANY;
        }
        char marker = version.charAt(version.length() - 1);
        List<byte[]> signatures = List.of();
        boolean malformed = false;
        int start = 0;
        while (start < header.length()) {
            int next = header.indexOf(separator, start);
            int end = next < 0 ? header.length() : next;
            int from = SchemeSupport.skipSpaces(header, start, end);
            int to = SchemeSupport.trimEnd(header, from, end);
            if (to - from > version.length() && header.startsWith(version, from)) {
                byte[] signature = Codec.decode(encoding, header, from + version.length(), to);
                if (signature != null && signature.length == length) {
                    signatures = add(signatures, signature);
                } else {
                    malformed = true;
                }
            } else if (to > from && !contains(header, marker, from, to)) {
                malformed = true;
            }
            start = end + 1;
        }
        return new SignatureList(signatures, malformed);
    }

    /** The value of the first {@code name=value} entry with this name ({@code t=} of Stripe), or null. */
    public static String entry(String header, char separator, String name) {
        int start = 0;
        while (start < header.length()) {
            int next = header.indexOf(separator, start);
            int end = next < 0 ? header.length() : next;
            int from = SchemeSupport.skipSpaces(header, start, end);
            if (header.startsWith(name, from)) {
                return header.substring(from + name.length(), SchemeSupport.trimEnd(header, from, end));
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * Whether the header has more than {@code maxEntries} non-blank entries. There are at most one
     * more entries than separators, and {@code indexOf} finds those quickly, so the char-by-char
     * count runs only for a header with enough separators (not the usual one or two entries).
     */
    static boolean tooManyEntries(String header, char separator, int maxEntries) {
        int separators = 0;
        for (int i = header.indexOf(separator); i >= 0; i = header.indexOf(separator, i + 1)) {
            if (++separators >= maxEntries) {
                return entries(header, separator) > maxEntries;
            }
        }
        return false;
    }

    /** The number of non-blank entries, counted without decoding any. */
    static int entries(String header, char separator) {
        int count = 0;
        boolean inEntry = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == separator) {
                inEntry = false;
            } else if (!inEntry && c != ' ' && c != '\t') {
                inEntry = true;
                count++;
            }
        }
        return count;
    }

    public boolean isEmpty() {
        return signatures.isEmpty();
    }

    /** The result when no usable signature was found. */
    public VerificationResult emptyResult() {
        return malformed ? MALFORMED_SIGNATURE : SIGNATURE_MISMATCH;
    }

    /** One signature is the common case: no list is allocated for it. */
    private static List<byte[]> add(List<byte[]> list, byte[] signature) {
        if (list.isEmpty()) {
            return List.of(signature);
        }
        List<byte[]> more = new ArrayList<>(list);
        more.add(signature);
        return more;
    }

    private static boolean contains(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i >= 0 && i < to;
    }
}
