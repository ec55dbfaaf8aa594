package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.MessageTemplate;
import dev.webhookkit.core.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code {{a.b.c}}} substitution with dotted paths; missing values render empty. */
public enum SimpleTemplateRenderer implements TemplateRenderer {
    INSTANCE;

    @Override
    public MessageTemplate compile(String template) {
        List<Object> parts = new ArrayList<>(); // String literal or String[] path
        int pos = 0;
        while (pos < template.length()) {
            int open = template.indexOf("{{", pos);
            if (open < 0) {
                parts.add(template.substring(pos));
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new ConfigurationException("unclosed '{{' at offset " + open);
            }
            String name = template.substring(open + 2, close).trim();
            if (name.isEmpty()) {
                throw new ConfigurationException("empty '{{}}' at offset " + open);
            }
            parts.add(template.substring(pos, open));
            parts.add(name.split("\\."));
            pos = close + 2;
        }
        List<Object> compiled = List.copyOf(parts);
        return context -> {
            StringBuilder out = new StringBuilder();
            for (Object p : compiled) {
                if (p instanceof String s) {
                    out.append(s);
                } else {
                    Object v = lookup(context, (String[]) p);
                    if (v != null) {
                        out.append(v instanceof JsonNode n && n.isValueNode() ? n.asText() : v);
                    }
                }
            }
            return out.toString();
        };
    }

    private static Object lookup(Map<String, Object> context, String[] path) {
        Object current = context;
        for (String key : path) {
            if (current instanceof Map<?, ?> m) {
                current = m.get(key);
            } else if (current instanceof List<?> l && key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
                int i = Integer.parseInt(key);
                current = i < l.size() ? l.get(i) : null;
            } else if (current instanceof JsonNode n) {
                current = n.get(key);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
