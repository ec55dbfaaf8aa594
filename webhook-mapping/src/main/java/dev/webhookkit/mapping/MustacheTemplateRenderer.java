package dev.webhookkit.mapping;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.MessageTemplate;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.mapping.internal.ContextObjectHandler;
import dev.webhookkit.mapping.internal.DataSectionCode;
import dev.webhookkit.mapping.internal.TextValueCode;
import dev.webhookkit.mapping.internal.TextWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mustache message templates (mustache.java) for endpoints: {@code {{alert_name}}},
 * {@code {{webhook.body.event}}}, {@code {{#alerts}}…{{/alerts}}}, {@code {{alert.severity}}},
 * {@code {{endpoint.attributes.team}}} — the context is the one the receiver builds (payload fields
 * at the top level, {@code webhook}, {@code endpoint}, {@code alert}, {@code alerts},
 * {@code context}).
 *
 * <ul>
 *   <li>Plain text: values are written as they are, no HTML escaping, unless built with
 *       {@link #htmlEscaping()} (then {@code {{{x}}}} writes raw).</li>
 *   <li>A missing variable renders as empty text. Maps and lists print as JSON.</li>
 *   <li>Names are looked up in maps, lists (by index, {@code alerts.0.title}) and JSON trees only;
 *       no method is ever called on a value. Partials ({@code {{> name}}}) are not supported: a
 *       template cannot read files.</li>
 *   <li>{@link #compile} parses once and caches by template text; a broken template throws
 *       {@link ConfigurationException} there, so the endpoint is rejected when it is built.</li>
 * </ul>
 *
 * <p>Thread-safe: compiled templates may render concurrently.
 */
public final class MustacheTemplateRenderer implements TemplateRenderer {
    /** Bound on the compiled-template cache; a host with more distinct templates recompiles the excess. */
    static final int MAX_CACHED_TEMPLATES = 512;
    /** Outputs longer than this grow their buffer instead of reserving it up front. */
    private static final int MAX_SIZE_HINT = 8192;

    private final boolean escapeHtml;
    private final DefaultMustacheFactory factory;
    private final Map<String, MessageTemplate> cache = new ConcurrentHashMap<>();

    private MustacheTemplateRenderer(boolean escapeHtml) {
        this.escapeHtml = escapeHtml;
        this.factory = new Factory(escapeHtml);
        this.factory.setObjectHandler(new ContextObjectHandler());
    }

    /** Plain-text output, no escaping. */
    public static MustacheTemplateRenderer create() {
        return new MustacheTemplateRenderer(false);
    }

    /** HTML-escaping output ({@code {{x}}} escapes, {@code {{{x}}}} does not), for HTML messages. */
    public static MustacheTemplateRenderer htmlEscaping() {
        return new MustacheTemplateRenderer(true);
    }

    /** Whether {@code {{x}}} is HTML-escaped. */
    public boolean escapesHtml() {
        return escapeHtml;
    }

    /**
     * Compiles (or takes from the cache) a template.
     *
     * @throws ConfigurationException when the template does not parse: unclosed or mismatched
     *         sections, unclosed tags, partials
     */
    @Override
    public MessageTemplate compile(String template) {
        Objects.requireNonNull(template, "template");
        MessageTemplate cached = cache.get(template);
        if (cached != null) {
            return cached;
        }
        MessageTemplate compiled = new Compiled(parse(template), template);
        if (cache.size() >= MAX_CACHED_TEMPLATES) {
            cache.clear();
        }
        cache.put(template, compiled);
        return compiled;
    }

    private Mustache parse(String template) {
        try {
            return factory.compile(new StringReader(template), "message-template");
        } catch (MustacheException e) {
            throw new ConfigurationException("invalid Mustache template: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MustacheTemplateRenderer[" + (escapeHtml ? "html-escaping" : "plain text") + "]";
    }

    /**
     * A compiled template. The output buffer starts at the size of the last output (a benign race:
     * any int is a valid hint), so a render neither grows nor over-allocates it.
     */
    private static final class Compiled implements MessageTemplate {
        private final Mustache mustache;
        private int sizeHint;

        Compiled(Mustache mustache, String template) {
            this.mustache = mustache;
            this.sizeHint = Math.min(8192, template.length() * 2);
        }

        @Override
        public String render(Map<String, Object> context) {
            Objects.requireNonNull(context, "context");
            TextWriter out = new TextWriter(Math.max(16, Math.min(MAX_SIZE_HINT, sizeHint)));
            mustache.execute(out, context);
            String text = out.toString();
            sizeHint = text.length() + 16;
            return text;
        }
    }

    /** Plain-text encoding unless asked, and no partials (they would read templates from files). */
    private static final class Factory extends DefaultMustacheFactory {
        private final boolean escapeHtml;

        Factory(boolean escapeHtml) {
            this.escapeHtml = escapeHtml;
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    list.add(new TextValueCode(tc, df, variable, encoded));
                }

                @Override
                public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                    list.add(new DataSectionCode(tc, df, mustache, variable));
                }
            };
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheNotFoundException("partials are not supported ('" + resourceName + "')");
        }
    }
}
