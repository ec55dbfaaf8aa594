package dev.webhookkit.mapping.internal;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A {@code {{name}}} tag that writes text values and missing ones (empty) directly: mustache.java's
 * own tag first tests every value for {@code Function} and {@code Callable}, which for the usual
 * string costs more than the look-up. Any other value takes mustache.java's path unchanged.
 */
public final class TextValueCode extends ValueCode {
    public TextValueCode(TemplateContext tc, DefaultMustacheFactory factory, String variable, boolean encoded) {
        super(tc, factory, variable, encoded);
    }

    @Override
    public Writer execute(Writer writer, List<Object> scopes) {
        Object value = get(scopes);
        if (value instanceof String text) {
            try {
                execute(writer, text);
            } catch (IOException e) {
                throw new MustacheException("Failed to get value for " + name, e, tc);
            }
        } else if (value != null) {
            return super.execute(writer, scopes); // numbers, JSON, lambdas: looked up again, rare
        }
        return appendText(run(writer, scopes));
    }
}
