package dev.webhookkit.actions;

import dev.webhookkit.actions.internal.Names;
import dev.webhookkit.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The host's named {@link Task}s, fixed when built: {@link Actions#run} looks a name up when the
 * action is built, so a configuration naming an unknown task fails at start-up, not at the first
 * event. Immutable and thread-safe.
 *
 * <pre>{@code
 * TaskRegistry tasks = TaskRegistry.builder().task("open-ticket", event -> tickets.open(event)).build();
 * EventHandler run = Actions.run(tasks, "open-ticket");
 * }</pre>
 */
public final class TaskRegistry {
    private final Map<String, Task> tasks;
    private final Set<String> names;

    private TaskRegistry(Map<String, Task> tasks) {
        this.tasks = Map.copyOf(tasks);
        this.names = Set.copyOf(tasks.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Task> find(String name) {
        return Optional.ofNullable(tasks.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The task of that name.
     *
     * @throws ConfigurationException naming it and the known ones when there is none
     */
    public Task require(String name) {
        return find(name).orElseThrow(() -> new ConfigurationException("no task '" + name + "' in the task registry (known: "
                + new java.util.TreeSet<>(names) + ")"));
    }

    public Set<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return "TaskRegistry" + new java.util.TreeSet<>(names);
    }

    /** Collects tasks; not thread-safe. */
    public static final class Builder {
        private final Map<String, Task> tasks = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws ConfigurationException for a bad or repeated name */
        public Builder task(String name, Task task) {
            Names.check("task name", name);
            Objects.requireNonNull(task, "task");
            if (tasks.putIfAbsent(name, task) != null) {
                throw new ConfigurationException("task '" + name + "' is registered twice");
            }
            return this;
        }

        public TaskRegistry build() {
            return new TaskRegistry(tasks);
        }
    }
}
