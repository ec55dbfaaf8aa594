package dev.webhookkit.verify;

import dev.webhookkit.core.ConfigurationException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the registry knows about one scheme: its id, a one-line summary for listings, whether
 * it needs secrets and can sign, which {@link SchemeOption}s it honours and how to build it. Built-in
 * schemes and those of {@link dev.webhookkit.verify.spi.SchemeProvider}s are described the same way;
 * {@link Schemes} is the only place that builds schemes from descriptors.
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String, Function)}.
 */
public final class SchemeDescriptor {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String id;
    private final String summary;
    private final boolean requiresSecrets;
    private final boolean canSign;
    private final Set<SchemeOption> options;
    private final Function<SchemeOptions, ? extends SignatureScheme> factory;

    private SchemeDescriptor(Builder b) {
        this.id = b.id;
        this.summary = b.summary;
        this.requiresSecrets = b.requiresSecrets;
        this.canSign = b.canSign;
        this.options = Collections.unmodifiableSet(EnumSet.copyOf(b.options));
        this.factory = b.factory;
    }

    /**
     * A descriptor for the scheme {@code id} (lower case letters, digits and single hyphens) that
     * {@code factory} builds. The factory is called only with options this descriptor honours, and
     * must return a new scheme reporting {@code id}.
     */
    public static Builder builder(String id, Function<SchemeOptions, ? extends SignatureScheme> factory) {
        return new Builder(id, factory);
    }

    public String id() {
        return id;
    }

    /** One line for listings ({@code webhook schemes}); "" when none was given. */
    public String summary() {
        return summary;
    }

    /** False for schemes that check requests without secrets of the endpoint's (AWS SNS). */
    public boolean requiresSecrets() {
        return requiresSecrets;
    }

    /** False for schemes only the original sender can produce. */
    public boolean canSign() {
        return canSign;
    }

    /** The settings this scheme honours; any other one set is refused by {@link #create(SchemeOptions)}. */
    public Set<SchemeOption> options() {
        return options;
    }

    /** True when the scheme honours this setting. */
    public boolean honours(SchemeOption option) {
        return options.contains(option);
    }

    /**
     * A new instance of the scheme with these options.
     *
     * @throws ConfigurationException naming the scheme and the setting when an option it does not
     *     honour is set, or when the factory's scheme does not match this descriptor
     */
    public SignatureScheme create(SchemeOptions schemeOptions) {
        Objects.requireNonNull(schemeOptions, "options");
        Set<SchemeOption> refused = EnumSet.noneOf(SchemeOption.class);
        refused.addAll(schemeOptions.setOptions());
        refused.removeAll(options);
        if (!refused.isEmpty()) {
            throw new ConfigurationException("scheme " + id + " does not use " + names(refused) + "; it honours "
                    + (options.isEmpty() ? "no options" : names(options)));
        }
        SignatureScheme scheme = Objects.requireNonNull(factory.apply(schemeOptions), "scheme factory of " + id);
        if (!id.equals(scheme.schemeId()) || scheme.requiresSecrets() != requiresSecrets || scheme.canSign() != canSign) {
            throw new ConfigurationException("scheme " + id + " was built as a scheme of id " + scheme.schemeId()
                    + " (requiresSecrets " + scheme.requiresSecrets() + ", canSign " + scheme.canSign()
                    + ") that does not match its descriptor");
        }
        return scheme;
    }

    private static String names(Set<SchemeOption> set) {
        return set.stream().map(SchemeOption::settingName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "SchemeDescriptor[" + id + ", requiresSecrets=" + requiresSecrets + ", canSign=" + canSign + ", options=" + options + "]";
    }

    /** Collects a descriptor; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Function<SchemeOptions, ? extends SignatureScheme> factory;
        private String summary = "";
        private boolean requiresSecrets = true;
        private boolean canSign = true;
        private final Set<SchemeOption> options = EnumSet.noneOf(SchemeOption.class);

        private Builder(String id, Function<SchemeOptions, ? extends SignatureScheme> factory) {
            Objects.requireNonNull(id, "id");
            if (!ID.matcher(id).matches()) {
                throw new ConfigurationException("scheme id must be lower case letters, digits and single hyphens but was '" + id + "'");
            }
            this.id = id;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /** The settings the factory reads; default none. */
        public Builder options(SchemeOption... honoured) {
            for (SchemeOption o : honoured) {
                options.add(Objects.requireNonNull(o, "option"));
            }
            return this;
        }

        /** Declares that the scheme needs no secrets (default: it needs them). */
        public Builder noSecrets() {
            this.requiresSecrets = false;
            return this;
        }

        /** Declares that the scheme only verifies (default: it signs too). */
        public Builder verifyOnly() {
            this.canSign = false;
            return this;
        }

        public SchemeDescriptor build() {
            return new SchemeDescriptor(this);
        }
    }
}
