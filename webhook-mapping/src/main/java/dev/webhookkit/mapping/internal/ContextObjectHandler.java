package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Looks names up in maps, lists (by index: {@code alerts.0.title}) and Jackson trees only — never
 * by reflection, so a template cannot call methods on the values it is given. Maps, lists and JSON
 * containers print as JSON ({@code {{webhook.body}}}); other values as their text.
 */
public final class ContextObjectHandler extends AbstractObjectHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object MISSING = new Object();

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        if (name == null) {
            return s -> null;
        }
        String[] steps = name.split("\\.");
        return s -> lookup(steps, s);
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        if (name == null) {
            return scopes -> null; // the template's root code and plain text have no name
        }
        if (".".equals(name)) {
            return scopes -> scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
        }
        String[] steps = name.split("\\.");
        return scopes -> lookup(steps, scopes);
    }

    /** The first step is searched from the innermost scope out; the rest walk down from there. */
    private static Object lookup(String[] steps, List<Object> scopes) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Object value = step(scopes.get(i), steps[0]);
            if (value != MISSING) {
                for (int s = 1; s < steps.length && value != null; s++) {
                    value = step(value, steps[s]);
                    if (value == MISSING) {
                        return null;
                    }
                }
                return unwrap(value);
            }
        }
        return null;
    }

    private static Object step(Object scope, String key) {
        if (scope instanceof Map<?, ?> map) {
            Object value = map.get(key); // one look-up for the usual present, non-null value
            return value != null || map.containsKey(key) ? value : MISSING;
        }
        if (scope instanceof List<?> list) {
            int index = index(key);
            return index >= 0 && index < list.size() ? list.get(index) : MISSING;
        }
        if (scope instanceof JsonNode node) {
            int index = node.isArray() ? index(key) : -1;
            JsonNode child = node.isArray() ? (index >= 0 ? node.get(index) : null) : node.get(key);
            return child == null ? MISSING : child;
        }
        return MISSING;
    }

    private static int index(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /** JSON scalars become Java values, so sections treat false, "" and null as falsey. */
    private static Object unwrap(Object value) {
        if (value instanceof JsonNode n && n.isValueNode()) {
            if (n.isNull()) {
                return null;
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            return n.isNumber() ? n.numberValue() : n.asText();
        }
        return value;
    }

    /** A JSON object is one scope, not a list of its values (JsonNode is Iterable). */
    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        if (object instanceof JsonNode n && n.isObject()) {
            return iteration.next(writer, n, scopes);
        }
        if (object instanceof JsonNode n && n.isArray()) {
            Writer w = writer;
            for (JsonNode item : n) {
                w = iteration.next(w, unwrap(item), scopes);
            }
            return w;
        }
        return super.iterate(iteration, writer, object, scopes);
    }

    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        if (object instanceof JsonNode n && n.isContainerNode()) {
            return n.isEmpty() && n.isArray() ? iteration.next(writer, object, scopes) : writer;
        }
        return super.falsey(iteration, writer, object, scopes);
    }

    @Override
    public String stringify(Object object) {
        if (object instanceof String s) {
            return s; // the usual case, before the interface checks below
        }
        if (object instanceof Map<?, ?> || object instanceof List<?> || object instanceof JsonNode n && n.isContainerNode()) {
            try {
                return JSON.writeValueAsString(object);
            } catch (JsonProcessingException e) {
                return String.valueOf(object);
            }
        }
        if (object instanceof JsonNode n) {
            return n.asText();
        }
        return object.toString();
    }
}
