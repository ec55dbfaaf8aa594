package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.SchemeDescriptor;
import dev.webhookkit.verify.spi.SchemeProvider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The built-in scheme descriptors followed by those of the {@link SchemeProvider}s found; ids are unique. */
public final class SchemeRegistry {
    private final Map<String, SchemeDescriptor> byId;
    private final List<String> ids;
    private final List<SchemeDescriptor> all;

    private SchemeRegistry(Map<String, SchemeDescriptor> byId) {
        this.byId = Map.copyOf(byId);
        this.ids = List.copyOf(byId.keySet());
        this.all = List.copyOf(byId.values());
    }

    /** The built-in schemes and those of the providers {@link ServiceLoader} finds through {@code loader}. */
    public static SchemeRegistry discover(ClassLoader loader) {
        try {
            return of(BuiltInSchemes.all(), ServiceLoader.load(SchemeProvider.class, loader));
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a " + SchemeProvider.class.getName() + " could not be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * @throws ConfigurationException when a provider registers an id that is taken, built in or by
     *     an earlier provider; the message names the provider and the id
     */
    public static SchemeRegistry of(Collection<SchemeDescriptor> builtIns, Iterable<SchemeProvider> providers) {
        Map<String, SchemeDescriptor> byId = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (SchemeDescriptor d : builtIns) {
            add(byId, origin, d, "built in");
        }
        for (SchemeProvider provider : providers) {
            String name = provider.getClass().getName();
            for (SchemeDescriptor d : schemesOf(provider, name)) {
                add(byId, origin, d, "registered by " + name);
            }
        }
        return new SchemeRegistry(byId);
    }

    private static List<SchemeDescriptor> schemesOf(SchemeProvider provider, String name) {
        List<SchemeDescriptor> schemes;
        try {
            schemes = provider.schemes();
        } catch (RuntimeException e) {
            throw new ConfigurationException("scheme provider " + name + " failed to list its schemes: " + e, e);
        }
        if (schemes == null || schemes.stream().anyMatch(Objects::isNull)) {
            throw new ConfigurationException("scheme provider " + name + " listed no schemes or a null one");
        }
        return schemes;
    }

    private static void add(Map<String, SchemeDescriptor> byId, Map<String, String> origin, SchemeDescriptor d, String from) {
        String taken = origin.putIfAbsent(d.id(), from);
        if (taken != null) {
            throw new ConfigurationException("scheme id '" + d.id() + "' " + from + " is already taken (" + taken
                    + "); a scheme provider must use ids of its own");
        }
        byId.put(d.id(), d);
    }

    public Optional<SchemeDescriptor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every id, built-in ones first in the documentation's order. */
    public List<String> ids() {
        return ids;
    }

    public List<SchemeDescriptor> all() {
        return all;
    }
}
