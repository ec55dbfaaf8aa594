package dev.webhookkit.admin;

import dev.webhookkit.core.ConfigurationException;
import java.util.Objects;

/**
 * A resource (an API body, a definition file, a stored row) has a field that cannot be used; the
 * admin API answers 422 {@code invalid_field}. The message starts with the field's path
 * ({@code ipAllowlist[1]: …}, {@code rateLimit.permits: …}) and never holds a secret value.
 */
public class InvalidFieldException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String detail) {
        super(Objects.requireNonNull(field, "field") + ": " + detail);
        this.field = field;
    }

    /** The field's path in the resource. */
    public String field() {
        return field;
    }
}
