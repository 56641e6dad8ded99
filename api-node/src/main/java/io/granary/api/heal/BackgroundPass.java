package io.granary.api.heal;

import io.vertx.core.Future;

/**
 * A full pass over every object that an administrator starts and watches (full heal, scrub). At most
 * one pass of a kind runs at a time; it runs beside client traffic at its configured rate.
 */
public interface BackgroundPass {

    /**
     * Starts a pass unless one is running, in which case the running one is left alone.
     *
     * @param node limit the pass to shards on this node id, or null for all
     * @return the progress of the pass that is now running
     */
    Future<JobProgress> start(String node);

    /** The progress of the running pass, or of the last one. */
    JobProgress progress();
}
