package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.DeadEvent;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.NotificationRule;
import io.granary.metadata.model.ObjectEvent;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.model.UploadRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox over a real RocksDB: a change's events commit in its batch, one per rule that covers the event type
 * and the key, per target in commit order; a change refused sends nothing; acknowledged, dead-lettered and
 * replayed events move as they should and survive a reopen.
 */
class EventOutboxTest {
    private static final String IMAGES = "arn:granary:webhook:us-east-1:111111111111:images";
    private static final String ALL = "arn:granary:webhook:us-east-1:111111111111:all";
    private static final EventOrigin ALICE = EventOrigin.request("alice", "127.0.0.1", "req-1");

    @TempDir
    Path dir;
    private MetadataStore store;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        store.events().listen(heard::add);
        store.buckets().create("b", "111111111111", "us-east-1");
        store.buckets().update("b", bucket -> bucket.withNotifications(List.of(
                new NotificationRule("images", "Queue", IMAGES, List.of("s3:ObjectCreated:*"), "img/", ".jpg"),
                new NotificationRule("all", "Topic", ALL, List.of("s3:ObjectRemoved:*", "s3:LifecycleExpiration:*",
                        "s3:ObjectTagging:Put",
                        "s3:ObjectCreated:CompleteMultipartUpload"), "", ""))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<ObjectEvent> events(String target) {
        return store.events().read(target, -1, 100).stream().map(QueuedTask::task).toList();
    }

    @Test
    void eachChangeSendsTheEventsItsRulesCoverInCommitOrder() {
        ObjectStore objects = store.objects();
        objects.put("b", Fixtures.object("img/a.jpg", "\"e1\""), PutCondition.none(), List.of(),
                new Notice("ObjectCreated:Put", ALICE));
        objects.put("b", Fixtures.object("img/a.png", "\"e2\""), PutCondition.none(), List.of(),
                new Notice("ObjectCreated:Put", ALICE));
        objects.put("b", Fixtures.object("img/b.jpg", "\"e3\""), PutCondition.none(), List.of(), null);
        objects.update("b", "img/a.jpg", null, r -> r.withTags(Map.of("k", "v")),
                new Notice("ObjectTagging:Put", ALICE));
        objects.put("b", Fixtures.object("img/a.jpg", "\"e4\""), PutCondition.none(), List.of(),
                new Notice("ObjectCreated:Copy", ALICE));
        objects.delete("b", "img/a.jpg", null, PutCondition.none(), null, false, ALICE);
        objects.delete("b", "never/there", null, PutCondition.none(), null, false, ALICE);
        objects.delete("b", "img/b.jpg", null, PutCondition.none(), null, false, EventOrigin.LIFECYCLE);

        List<ObjectEvent> images = events(IMAGES);
        assertEquals(List.of("ObjectCreated:Put", "ObjectCreated:Copy"), images.stream()
                .map(ObjectEvent::eventName).toList(), "only .jpg under img/, and no event without a notice");
        assertEquals(List.of("\"e1\"", "\"e4\""), images.stream().map(ObjectEvent::etag).toList());
        ObjectEvent first = images.get(0);
        assertEquals("img/a.jpg", first.key());
        assertEquals("b", first.bucket());
        assertEquals("111111111111", first.bucketOwner());
        assertEquals("images", first.configurationId());
        assertEquals("alice", first.principalId());
        assertEquals("req-1", first.requestId());
        assertNull(first.versionId(), "a bucket never versioned has no version ids");
        assertTrue(first.sequencer().compareTo(images.get(1).sequencer()) < 0);
        assertEquals(16, first.sequencer().length());

        assertEquals(List.of("ObjectTagging:Put", "ObjectRemoved:Delete", "LifecycleExpiration:Delete"),
                events(ALL).stream().map(ObjectEvent::eventName).toList(), "deleting a missing key sends nothing");
        assertNull(events(ALL).get(2).principalId());
        assertEquals(List.of(IMAGES, ALL, IMAGES, ALL, ALL), heard, "heard once each, after each commit");
    }

    @Test
    void aRefusedChangeSendsNothingAndMarkersAndCompletesSendTheirOwnEvents() {
        ObjectStore objects = store.objects();
        objects.put("b", Fixtures.object("img/a.jpg", "\"e1\""), PutCondition.none(), List.of(),
                new Notice("ObjectCreated:Put", ALICE));
        assertThrows(MetadataException.class, () -> objects.put("b", Fixtures.object("img/a.jpg", "\"e2\""),
                PutCondition.ifAbsent(), List.of(), new Notice("ObjectCreated:Put", ALICE)));
        assertEquals(1, events(IMAGES).size());

        store.buckets().update("b", bucket -> bucket.withVersioning(BucketRecord.VERSIONING_ENABLED));
        objects.delete("b", "img/a.jpg", null, PutCondition.none(), null, false, ALICE);
        ObjectEvent marker = events(ALL).get(0);
        assertEquals("ObjectRemoved:DeleteMarkerCreated", marker.eventName());
        assertEquals(objects.version("b", "img/a.jpg", null).versionId(), marker.versionId());

        UploadRecord upload = store.multipart().create("b", Fixtures.draft("img/big.jpg"));
        PartRecord part = Fixtures.partRecord(1, 10, "\"p1\"");
        store.multipart().putPart("b", "img/big.jpg", upload.uploadId(), part, List.of());
        store.multipart().complete("b", "img/big.jpg", upload.uploadId(), List.of(new PartRef(1, "\"p1\"")),
                PutCondition.none(), Fixtures::assemble, ALICE);
        assertEquals("ObjectCreated:CompleteMultipartUpload", events(IMAGES).get(1).eventName());
        assertEquals("ObjectCreated:CompleteMultipartUpload", events(ALL).get(1).eventName());
        assertTrue(events(ALL).get(1).versionId() != null, "a versioned bucket's events carry the version id");
    }

    @Test
    void acknowledgedDeadAndReplayedEventsMoveAndSurviveAReopen() {
        ObjectStore objects = store.objects();
        for (int i = 0; i < 5; i++) {
            objects.put("b", Fixtures.object("img/" + i + ".jpg", "\"e" + i + "\""), PutCondition.none(), List.of(),
                    new Notice("ObjectCreated:Put", ALICE));
        }
        objects.delete("b", "img/0.jpg", null, PutCondition.none(), null, false, ALICE);
        EventOutbox outbox = store.events();
        assertEquals(List.of(ALL, IMAGES), outbox.targets());
        List<QueuedTask<ObjectEvent>> queued = outbox.read(IMAGES, -1, 100);
        assertEquals(2, outbox.read(IMAGES, queued.get(2).id(), 100).size(), "a page after a position");
        outbox.acknowledge(IMAGES, List.of(queued.get(0).id(), queued.get(1).id()));
        outbox.deadLetter(IMAGES, queued.get(2).id(), new DeadEvent(queued.get(2).task(), "HTTP 500", 1_000));
        outbox.deadLetter(IMAGES, queued.get(3).id(), new DeadEvent(queued.get(3).task(), "HTTP 500", 2_000));
        assertEquals(1, outbox.pending(IMAGES));
        assertEquals(2, outbox.deadCount(IMAGES));
        assertEquals("\"e4\"", outbox.oldest(IMAGES).orElseThrow().etag());

        store.close();
        store = Fixtures.open(dir);
        outbox = store.events();
        assertEquals(1, outbox.pending(IMAGES));
        assertEquals("HTTP 500", outbox.dead(IMAGES, -1, 10).get(0).task().lastError());
        assertEquals(1, outbox.replay(IMAGES, 1_500), "only what gave up since then");
        List<ObjectEvent> after = new ArrayList<>(events(IMAGES));
        assertEquals(List.of("\"e4\"", "\"e3\""), after.stream().map(ObjectEvent::etag).toList(),
                "a replayed event goes to the end and keeps its id and sequencer");
        assertEquals(queued.get(3).task().id(), after.get(1).id());
        assertEquals(queued.get(3).task().sequencer(), after.get(1).sequencer());
        long newest = outbox.read(IMAGES, -1, 10).get(1).id();
        assertTrue(newest > queued.get(4).id(), "sequences keep increasing across a reopen");
        assertEquals(1, outbox.deadCount(IMAGES));
        assertEquals(List.of(ALL, IMAGES), outbox.targets());
    }

    @Test
    void anEventOfABatchStillOpenHoldsBackTheLaterOnesSoAReaderSkipsNothing() {
        EventOutbox outbox = store.events();
        ObjectEvent early = new ObjectEvent("e1", IMAGES, "images", "ObjectCreated:Put", "b", "111111111111",
                "img/early.jpg", 1, "\"e\"", null, null, 1, null, null, null);
        try (io.granary.metadata.Batch open = new io.granary.metadata.Batch()) {
            outbox.append(open, early);
            store.objects().put("b", Fixtures.object("img/late.jpg", "\"l\""), PutCondition.none(), List.of(),
                    new Notice("ObjectCreated:Put", ALICE));
            assertTrue(outbox.read(IMAGES, -1, 10).isEmpty(), "the later commit waits for the open batch");
            assertEquals(List.of(IMAGES), heard, "its commit was heard all the same");
        }
        assertEquals(List.of("img/late.jpg"), events(IMAGES).stream().map(ObjectEvent::key).toList(),
                "the open batch was never committed: its event never existed");
    }
}
