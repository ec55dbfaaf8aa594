package dev.webhookkit.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Saves each request {@code listen} receives as one JSON file in a directory. File names are made
 * here from the arrival time and a counter, never from anything the sender chose, so no request can
 * write outside the directory. A hostile sender cannot fill the disk either: bodies are capped by
 * listen's read (1 MiB and one byte) and at most {@code maxFiles} files are written per run.
 * Thread-safe.
 */
final class RequestRecorder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxFiles;
    private final AtomicLong written = new AtomicLong();

    RequestRecorder(Path dir, long maxFiles) {
        this.dir = dir;
        this.maxFiles = maxFiles;
    }

    Path dir() {
        return dir;
    }

    /** Writes the file and says where, or why not. */
    String record(RecordedRequest request) {
        long n = written.incrementAndGet();
        if (n > maxFiles) {
            return "not recorded: --record-max-files " + maxFiles + " reached";
        }
        String name = STAMP.format(request.receivedAt()) + "-" + String.format("%06d", n) + ".json";
        Path file = dir.resolve(name);
        try {
            // CREATE_NEW: an existing file (a run before this one) is never overwritten.
            Files.write(file, request.toJson(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return "recorded: " + file;
        } catch (IOException e) {
            return "not recorded: " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }
}
