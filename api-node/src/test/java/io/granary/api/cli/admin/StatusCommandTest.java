package io.granary.api.cli.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void theTableShowsFiguresForOnlineNodesAndDashesForOfflineOnes() throws Exception {
        String table = StatusCommand.table(new ObjectMapper().readTree("""
                {"nodes":[{"id":"node-1","endpoint":"http://a:1","state":"ONLINE","usedBytes":1610612736,
                  "freeBytes":2048,"shardCount":42,"segments":{"segments":3,"liveBytes":1048576,"deadBytes":512,
                  "compacting":true,"compactedBytes":2048,"migratedShards":9,"truncatedTailBytes":0}},
                 {"id":"node-2","endpoint":"http://b:1","state":"OFFLINE","retired":true,"usedBytes":null,
                  "freeBytes":null,"shardCount":null}],
                 "objects":{"total":12,"degraded":5},"healQueue":7,"garbageQueue":130,
                 "heal":{"kind":"heal","state":"RUNNING","node":"node-2","objectsScanned":3,"objectsTotal":12,
                  "shardsBad":4,"shardsRepaired":2,"shardsFailed":0},
                 "scrub":{"kind":"scrub","state":"IDLE"}}"""));
        assertTrue(table.matches("(?s).*node-1 +ONLINE +1\\.5 GiB +2\\.0 KiB +42 +http://a:1.*"), table);
        assertTrue(table.matches("(?s).*node-2 +OFFLINE,RETIRED +- +- +- +http://b:1.*"), table);
        assertTrue(table.contains("objects:    12 total, 5 degraded"), table);
        assertTrue(table.contains("heal queue: 7 shards"), table);
        assertTrue(table.contains("garbage:    130 shard sets to delete"), table);
        assertTrue(table.contains("heal:       running, 3/12 objects, 4 bad, 2 repaired, 0 failed (node node-2)"),
                table);
        assertTrue(table.contains("scrub:      idle"), table);
        assertTrue(table.contains("segments node-1     3 files, 1.0 MiB live, 512 B dead, compaction running, "
                + "2.0 KiB compacted, 9 migrated"), table);
        assertTrue(!table.contains("segments node-2"), table);
    }
}
