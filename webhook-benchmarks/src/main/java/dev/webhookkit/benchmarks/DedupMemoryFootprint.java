package dev.webhookkit.benchmarks;

import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Measures the heap the in-memory deduplicator holds for N live keys (default 1,000,000):
 * used heap after a full GC with the keys held, minus before.
 * Run: {@code java -cp webhook-benchmarks/target/benchmarks.jar dev.webhookkit.benchmarks.DedupMemoryFootprint}.
 */
public final class DedupMemoryFootprint {
    private DedupMemoryFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedAfterGc();
        Deduplicator dedup = Deduplicator.inMemory();
        int fresh = 0;
        for (int i = 0; i < keys; i++) {
            // Realistic keys: endpoint, header name and a UUID-like delivery id (about 70 characters).
            DeliveryClaim claim = dedup.claim("alerts:x-github-delivery:" + new java.util.UUID(i * 0x9E3779B97F4A7C15L, i), Duration.ofHours(24));
            if (claim.isNew()) {
                claim.commit();
                fresh++;
            }
        }
        long after = usedAfterGc();
        double mb = (after - before) / 1_000_000.0;
        System.out.printf("keys=%d new=%d heap=%.1f MB (%.0f bytes/key)%n", keys, fresh, mb, (after - before) / (double) keys);
        // All of them are still held: the first key (the oldest) is still a duplicate.
        boolean firstKept = !dedup.claim("alerts:x-github-delivery:" + new java.util.UUID(0, 0), Duration.ofHours(24)).isNew();
        System.out.println("oldest key still held: " + firstKept);
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
