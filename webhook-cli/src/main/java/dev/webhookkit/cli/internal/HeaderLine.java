package dev.webhookkit.cli.internal;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code -H 'Name: value'} option. Whitespace around the value is dropped, as HTTP does;
 * inside it, nothing changes.
 *
 * @param name the header name
 * @param value the header value
 */
public record HeaderLine(String name, String value) {

    /** Parses {@code Name: value}; picocli reports a failure with the option's name. */
    public static final class Converter implements ITypeConverter<HeaderLine> {
        @Override
        public HeaderLine convert(String text) {
            int colon = text.indexOf(':');
            String name = colon < 0 ? "" : text.substring(0, colon).trim();
            if (colon < 0 || name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new TypeConversionException("'" + text + "' is not a header of the form 'Name: value'");
            }
            return new HeaderLine(name, text.substring(colon + 1).strip());
        }
    }
}
