package dev.webhookkit.admin.spi;

import java.util.Objects;

/**
 * One part of {@code GET /admin/health}: is a dependency the host runs on (Redis, a database, a
 * queue) usable now? The admin API asks every registered check on each health request and answers
 * 503 when any is down; the outbound store and dispatcher are checked without one.
 *
 * <pre>{@code
 * AdminApi.builder()...healthCheck("redis", HealthCheck.probe(() -> jedis.ping()))
 * }</pre>
 *
 * <p>Implementations must be thread-safe and answer quickly (a health request waits for each in
 * turn): give a probe a short timeout of its own. A check that throws counts as down, described by
 * the exception's type only (its message may hold a connection string).
 */
@FunctionalInterface
public interface HealthCheck {

    Result check();

    /** A check that is up when {@code probe} returns and down when it throws. */
    static HealthCheck probe(Runnable probe) {
        Objects.requireNonNull(probe, "probe");
        return () -> {
            probe.run();
            return Result.up();
        };
    }

    /**
     * A check's answer.
     *
     * @param healthy whether the dependency is usable
     * @param detail a short text for operators, without secrets; "" when there is nothing to say
     */
    record Result(boolean healthy, String detail) {
        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result up() {
            return new Result(true, "");
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
