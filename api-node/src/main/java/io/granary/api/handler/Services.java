package io.granary.api.handler;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.lifecycle.LifecycleDays;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.notify.Webhooks;
import io.granary.api.pipeline.ShardSetIo;
import io.granary.iam.KeyStore;
import java.time.Clock;

/**
 * What every handler works with: metadata (asynchronously), the shard-set reader and writer, the
 * authorizer, the clock, the region this node answers for, the metrics it records events in, and how long a
 * lifecycle day is, the key store SSE-KMS keys are found in, and the webhook targets notifications go to.
 */
public record Services(AsyncMetadata metadata, ShardSetIo shards, RequestAuthorizer authorizer, Clock clock,
        String region, GranaryMetrics metrics, LifecycleDays lifecycleDays, KeyStore keyStore, Webhooks webhooks) {
}
