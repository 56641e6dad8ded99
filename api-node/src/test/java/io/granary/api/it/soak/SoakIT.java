package io.granary.api.it.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.cluster.ProcessClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak's short version in {@code mvn verify} ({@link SoakSettings#brief()}): mixed clients against the
 * seven-process cluster while data nodes are killed and one is emptied and healed; nothing may fail or read
 * wrong, and the API node's open files return to where they started.
 */
@Timeout(600)
class SoakIT {
    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    @Test
    void mixedClientsUnderKilledAndEmptiedNodesSeeNoErrorAndNoWrongByte() throws Exception {
        SoakReport report = Soak.run(CLUSTER.cluster(), SoakSettings.brief());
        String table = report.markdown();
        System.out.println(table);
        assertEquals(0, report.wrongBytes(), table);
        assertEquals(0, report.wrongListings(), table);
        assertEquals(0, report.errors(), table);
        assertTrue(report.kills() >= Soak.MIN_KILLS, table);
        assertTrue(report.verified() > 0, table);
        assertTrue(report.ops().stream().anyMatch(op -> op.name().equals("MULTIPART") && op.count() > 0), table);
        assertTrue(report.clean(), table);
    }
}
