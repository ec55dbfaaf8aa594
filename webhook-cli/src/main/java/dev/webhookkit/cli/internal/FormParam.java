package dev.webhookkit.cli.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --param name=value} option: a POST form parameter, given decoded. Twilio-style
 * schemes sign the URL and these parameters; the command sends them as the form body.
 *
 * @param name the parameter name
 * @param value the parameter value (may be empty)
 */
public record FormParam(String name, String value) {

    /** The {@code application/x-www-form-urlencoded} body for these parameters, in the order given. */
    public static byte[] formBody(List<FormParam> params) {
        StringBuilder sb = new StringBuilder();
        for (FormParam p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.value, StandardCharsets.UTF_8));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Name → values in the order given (a name may repeat). */
    public static Map<String, List<String>> asMap(List<FormParam> params) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (FormParam p : params) {
            map.computeIfAbsent(p.name, k -> new ArrayList<>()).add(p.value);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    /** Parses {@code name=value}; the value is everything after the first '='. */
    public static final class Converter implements ITypeConverter<FormParam> {
        @Override
        public FormParam convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("'" + text + "' is not a parameter of the form 'name=value'");
            }
            return new FormParam(text.substring(0, eq), text.substring(eq + 1));
        }
    }
}
