package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CorsRule;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketStoreTest {

    @TempDir
    Path dir;
    private MetadataStore store;
    private BucketStore buckets;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        buckets = store.buckets();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createStoresOwnerRegionAndANewIdAndRefusesADuplicate() {
        BucketRecord a = buckets.create("photos", "alice", "eu-west-1");
        assertEquals(new BucketRecord("photos", a.id(), "alice", a.createdMillis(), "eu-west-1", null),
                buckets.get("photos"));
        MetadataException e = assertThrows(MetadataException.class, () -> buckets.create("photos", "bob", "x"));
        assertEquals(Reason.BUCKET_EXISTS, e.reason());
        assertTrue(e.getMessage().contains("alice"));
        buckets.create("docs", "bob", "us-east-1");
        assertEquals(List.of("docs", "photos"), buckets.list().stream().map(BucketRecord::name).toList());
    }

    @Test
    void bucketIdsAreNeverReusedEvenAfterReopen() {
        long first = buckets.create("x", "alice", "r").id();
        buckets.delete("x");
        store.close();
        store = Fixtures.open(dir);
        buckets = store.buckets();
        assertNotEquals(first, buckets.create("x", "alice", "r").id());
    }

    @Test
    void deleteRefusesANonEmptyBucketAndAbortsOpenUploads() {
        buckets.create("b", "alice", "r");
        store.objects().put("b", Fixtures.object("k", "e"), PutCondition.none(), List.of());
        assertEquals(Reason.BUCKET_NOT_EMPTY, assertThrows(MetadataException.class, () -> buckets.delete("b"))
                .reason());
        store.objects().delete("b", "k");
        store.garbageQueue().acknowledge(store.garbageQueue().claim(10, Duration.ofMinutes(1)).stream()
                .map(QueuedTask::id).toList());
        String id = store.multipart().create("b", Fixtures.draft("big")).uploadId();
        store.multipart().putPart("b", "big", id, Fixtures.partRecord(1, 200, "e1"), List.of());
        buckets.delete("b");
        assertEquals(Optional.empty(), buckets.find("b"));
        assertEquals(List.of(GarbageReason.UPLOAD_ABORTED), store.garbageQueue().claim(10, Duration.ofMinutes(1))
                .stream().map(t -> t.task().reason()).toList());
        assertEquals(Reason.NO_SUCH_BUCKET, assertThrows(MetadataException.class, () -> buckets.delete("b"))
                .reason());
        assertTrue(store.multipart().scanParts(null, 10).items().isEmpty());
    }

    @Test
    void policyIsStoredReplacedAndRemoved() {
        buckets.create("b", "alice", "r");
        assertEquals(Optional.empty(), buckets.getPolicy("b"));
        buckets.putPolicy("b", "{\"Version\":\"2012-10-17\"}");
        assertEquals(Optional.of("{\"Version\":\"2012-10-17\"}"), buckets.getPolicy("b"));
        buckets.deletePolicy("b");
        assertEquals(Optional.empty(), buckets.getPolicy("b"));
        assertEquals(Reason.NO_SUCH_BUCKET, assertThrows(MetadataException.class, () -> buckets.getPolicy("nope"))
                .reason());
    }

    @Test
    void corsRulesAreStoredWithoutTouchingThePolicyAndRemoved() {
        buckets.create("b", "alice", "r");
        buckets.putPolicy("b", "{}");
        List<CorsRule> rules = List.of(new CorsRule("r1", List.of("*"), List.of("GET"), null, null, 60));
        buckets.putCors("b", rules);
        assertEquals(rules, buckets.get("b").cors());
        assertEquals(Optional.of("{}"), buckets.getPolicy("b"));
        buckets.putCors("b", null);
        assertNull(buckets.get("b").cors());
        assertEquals(Reason.NO_SUCH_BUCKET, assertThrows(MetadataException.class, () -> buckets.putCors("nope",
                rules)).reason());
    }

    @Test
    void iamRecordsAreStoredListedByPrefixAndDeleted() {
        NamedRecordStore iam = store.iam();
        iam.put("user/alice", new byte[] {1});
        iam.put("user/bob", new byte[] {2});
        iam.put("key/AKIA", new byte[] {3});
        assertEquals(List.of("user/alice", "user/bob"), List.copyOf(iam.list("user/").keySet()));
        iam.delete("user/alice");
        assertTrue(iam.get("user/alice").isEmpty());
        assertEquals(3, iam.get("key/AKIA").orElseThrow()[0]);
    }
}
