package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * A {@code {{#name}}} section whose value is plain data (list, map, JSON, text, number, boolean)
 * goes straight to the object handler: mustache.java's own section first tests the value for
 * {@code Function} and {@code Callable}, a slow failing interface check on every render. Any other
 * value takes mustache.java's path unchanged.
 */
public final class DataSectionCode extends IterableCode {
    public DataSectionCode(TemplateContext tc, DefaultMustacheFactory factory, Mustache mustache, String variable) {
        super(tc, factory, mustache, variable);
    }

    @Override
    protected Writer handle(Writer writer, Object resolved, List<Object> scopes) {
        if (resolved instanceof List<?> || resolved instanceof Map<?, ?> || resolved instanceof JsonNode
                || resolved instanceof String || resolved instanceof Boolean || resolved instanceof Number) {
            return execute(writer, resolved, scopes);
        }
        return super.handle(writer, resolved, scopes);
    }
}
