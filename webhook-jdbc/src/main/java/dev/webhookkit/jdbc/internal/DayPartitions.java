package dev.webhookkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The day tables of the partitioned outbox and delivery log (see schema-postgresql.sql): finished
 * messages in {@code <prefix>outbox_dYYYYMMDD} by the UTC day they finished ({@code updated_at}),
 * attempts in {@code <prefix>attempt_dYYYYMMDD} by the day they started. The names carry the day,
 * so listing them needs no bound parsing. Creating one takes a short exclusive lock on its parent,
 * so each is created in a transaction of its own that gives up rather than queue behind a long query.
 */
public final class DayPartitions {
    /** How long partition DDL waits for its locks before giving up (the statements behind it wait as long). */
    public static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '200ms'";
    /** PostgreSQL's lock_not_available: the lock timeout ran out. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** A day the default table already holds rows of; a table another instance created meanwhile; an overlapping one. */
    private static final Set<String> SKIPPED_CREATIONS = Set.of("23514", "42P07", "42P17", LOCK_NOT_AVAILABLE);

    private final Tables tables;
    private final Pattern outboxDay;
    private final Pattern attemptDay;

    public DayPartitions(Tables tables) {
        this.tables = tables;
        this.outboxDay = Pattern.compile(Pattern.quote(tables.outbox() + "_d") + "(\\d{8})");
        this.attemptDay = Pattern.compile(Pattern.quote(tables.attempt() + "_d") + "(\\d{8})");
    }

    /** The UTC day of an instant. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The first instant of a UTC day. */
    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A timestamp literal for SQL text (partition bounds must be constants to prune at plan time). */
    public static String literal(Instant instant) {
        return "TIMESTAMP WITH TIME ZONE '" + instant + "'";
    }

    public String outboxTable(LocalDate day) {
        return tables.outbox() + "_d" + DAY.format(day);
    }

    public String attemptTable(LocalDate day) {
        return tables.attempt() + "_d" + DAY.format(day);
    }

    public String finishedParent() {
        return tables.outbox() + "_finished";
    }

    public String attemptParent() {
        return tables.attempt() + "_by_day";
    }

    /** The days that have a table now, in the outbox and in the delivery log. */
    public Existing existing(Connection c) throws SQLException {
        return new Existing(days(c, finishedParent(), outboxDay), days(c, attemptParent(), attemptDay));
    }

    private static TreeSet<LocalDate> days(Connection c, String parent, Pattern names) throws SQLException {
        TreeSet<LocalDate> days = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid"
                + " WHERE i.inhparent = to_regclass(?)")) {
            ps.setString(1, parent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = names.matcher(rs.getString(1));
                    if (m.matches()) {
                        days.add(LocalDate.parse(m.group(1), DAY));
                    }
                }
            }
        }
        return days;
    }

    /**
     * Creates the missing day tables from {@code first} to {@code last}, both included. A day is
     * skipped (and left to the default tables) when its rows already went to the default table,
     * another instance created it meanwhile, or its lock did not come in time; the next call tries again.
     *
     * @return the tables created
     */
    public int createMissing(DataSource dataSource, LocalDate first, LocalDate last) {
        Existing existing = Sql.autoCommit(dataSource, "listing the outbox's day tables", this::existing);
        int created = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!existing.outboxDays().contains(day)) {
                created += create(dataSource, outboxTable(day), finishedParent(), day);
            }
            if (!existing.attemptDays().contains(day)) {
                created += create(dataSource, attemptTable(day), attemptParent(), day);
            }
        }
        return created;
    }

    private static int create(DataSource dataSource, String table, String parent, LocalDate day) {
        String sql = "CREATE TABLE " + table + " PARTITION OF " + parent
                + " FOR VALUES FROM ('" + start(day) + "') TO ('" + start(day.plusDays(1)) + "')";
        try {
            return Sql.transaction(dataSource, "creating " + table, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(LOCK_TIMEOUT);
                    s.execute(sql);
                }
                return 1;
            });
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException s && SKIPPED_CREATIONS.contains(s.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * The days with a table.
     *
     * @param outboxDays days of finished messages
     * @param attemptDays days of attempts
     */
    public record Existing(TreeSet<LocalDate> outboxDays, TreeSet<LocalDate> attemptDays) {
        /** Every day that has either table, earliest first. */
        public TreeSet<LocalDate> all() {
            TreeSet<LocalDate> all = new TreeSet<>(outboxDays);
            all.addAll(attemptDays);
            return all;
        }
    }
}
