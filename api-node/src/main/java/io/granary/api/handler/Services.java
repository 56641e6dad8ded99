package io.granary.api.handler;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.pipeline.ShardSetIo;
import java.time.Clock;

/**
 * What every handler works with: metadata (asynchronously), the shard-set reader and writer, the
 * authorizer, the clock, the region this node answers for, and the metrics it records events in.
 */
public record Services(AsyncMetadata metadata, ShardSetIo shards, RequestAuthorizer authorizer, Clock clock,
        String region, GranaryMetrics metrics) {
}
