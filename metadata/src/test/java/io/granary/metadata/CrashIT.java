package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PartEntry;
import io.granary.metadata.store.QueuedTask;
import io.granary.metadata.store.ScanPage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class CrashIT {

    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNoAcknowledgedCommitAndLeavesNoHalfBatch() throws Exception {
        Set<Integer> acknowledged = new HashSet<>();
        int next = 0;
        for (int round = 0; round < 3; round++) {
            next = runAndKill(next, 150 + 70 * round, acknowledged);
            verify(acknowledged);
        }
    }

    /** Runs a writer from {@code first}, kills it after {@code lines} acknowledgments; returns the next number. */
    private int runAndKill(int first, int lines, Set<Integer> acknowledged) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), Integer.toString(first))
                .redirectError(new File(dir.toFile(), "child-" + first + ".err")).start();
        int last = first - 1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (int seen = 0; seen < lines; seen++) {
                String line = out.readLine();
                assertTrue(line != null, "writer ended early, see " + dir);
                last = Integer.parseInt(line.trim());
                acknowledged.add(last);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        // The writer may have committed more than it printed; start well past anything it could have used.
        return last + 1000;
    }

    private void verify(Set<Integer> acknowledged) {
        try (MetadataStore store = Fixtures.open(dir)) {
            Map<String, ObjectRecord> objects = new HashMap<>();
            String cursor = null;
            do {
                ScanPage<ObjectEntry> page = store.objects().scan(cursor, 500);
                page.items().forEach(e -> objects.put(e.object().key(), e.object()));
                cursor = page.nextCursor();
            } while (cursor != null);
            for (int i : acknowledged) {
                assertTrue(objects.containsKey((i % 3 == 0 ? "m" : "k") + i), "acknowledged commit " + i + " lost");
            }
            List<QueuedTask<HealTask>> heal = store.healQueue().claim(100_000, Duration.ofMinutes(1));
            Set<String> healKeys = new HashSet<>();
            for (QueuedTask<HealTask> task : heal) {
                healKeys.add(task.task().key());
                ObjectRecord object = objects.get(task.task().key());
                assertTrue(object != null, "heal task without its object: " + task.task().key());
                assertEquals(object.layout().parts().get(0).shardSetId(), task.task().shardSetId());
            }
            for (ObjectRecord object : objects.values()) {
                String set = object.layout().parts().get(0).shardSetId();
                assertTrue(store.objects().shardOwner(set).isPresent(), "object without index entry: " + object.key());
                if (object.key().startsWith("k")) {
                    assertTrue(healKeys.contains(object.key()), "object without its heal task: " + object.key());
                }
            }
            // The writer may die between an upload's separate commits, but a completed one has no parts left.
            for (PartEntry part : store.multipart().scanParts(null, 100_000).items()) {
                assertTrue(!objects.containsKey(part.key()), "completed upload left parts behind: " + part.key());
            }
        }
    }
}
