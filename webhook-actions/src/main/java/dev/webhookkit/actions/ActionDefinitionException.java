package dev.webhookkit.actions;

import dev.webhookkit.core.ConfigurationException;
import java.util.Objects;

/**
 * An action definition ({@link ActionDefinitions}) cannot be used. {@link #field()} is the path of
 * the field inside the {@code actions} list ({@code [0].urls[1]}, {@code [2].rules[0].when.jsonPath}),
 * so a codec can name it ({@code actions[0].urls[1]}); the message starts with that path and never
 * holds a secret value.
 */
public class ActionDefinitionException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String detail;

    public ActionDefinitionException(String field, String detail) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(detail, "detail"));
        this.field = field;
        this.detail = detail;
    }

    /** The field's path inside the {@code actions} list, starting with {@code [index]}; empty for the list itself. */
    public String field() {
        return field;
    }

    /** The message without the field's path. */
    public String detail() {
        return detail;
    }
}
