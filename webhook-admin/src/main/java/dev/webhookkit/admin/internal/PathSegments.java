package dev.webhookkit.admin.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits and percent-decodes request paths and query strings; refuses what could climb out of a segment. */
public final class PathSegments {
    private PathSegments() {
    }

    /** "/a/b" → [a, b]; "" and "/" → []. Not decoded. */
    static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return List.of();
        }
        return List.of(p.split("/", -1));
    }

    /**
     * The decoded segments of a raw path.
     *
     * @throws ApiException 400 {@code invalid_path} for a malformed escape, an empty segment, or a
     *     segment that decodes to '.', '..' or holds '/', '\' or a control character
     */
    public static List<String> decode(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : split(rawPath)) {
            String d = percentDecode(s, false);
            if (d.isEmpty() || d.equals(".") || d.equals("..") || d.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
                throw ApiException.badRequest("invalid_path", "the path has an empty, relative or unsafe segment");
            }
            out.add(d);
        }
        return out;
    }

    /**
     * Percent-decodes UTF-8; with {@code plusIsSpace} (query strings) '+' is a space.
     *
     * @throws ApiException 400 for a malformed escape or bytes that are not UTF-8
     */
    public static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw ApiException.badRequest("invalid_path", "malformed percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiException.badRequest("invalid_path", "malformed percent escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_path", "percent escapes that are not UTF-8");
        }
    }
}
