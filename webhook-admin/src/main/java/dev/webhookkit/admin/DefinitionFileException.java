package dev.webhookkit.admin;

import dev.webhookkit.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DefinitionFile} cannot be used. The message is
 * {@code <file>: <entry>: <field>: <what is wrong>}, e.g.
 * {@code webhooks.yaml: endpoints[1] 'github': secrets[0]: environment variable 'GH_SECRET' is not set},
 * leaving out what does not apply (a syntax error has no entry); it never holds a secret or a
 * quote of the file's text.
 */
public class DefinitionFileException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String entry;
    private final String field;

    public DefinitionFileException(Path file, String entry, String field, String detail) {
        super(message(file, entry, field, detail));
        this.file = file;
        this.entry = entry;
        this.field = field;
    }

    private static String message(Path file, String entry, String field, String detail) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(detail, "detail");
        return file + ": " + (entry == null ? "" : entry + ": ") + (field == null ? "" : field + ": ") + detail;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The entry, {@code endpoints[1] 'github'}; empty for a problem with the whole file. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /** The field's path in the entry ({@code secrets[0]}), or a top-level field; empty when no one field is wrong. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
