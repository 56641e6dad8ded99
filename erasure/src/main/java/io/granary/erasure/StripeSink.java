package io.granary.erasure;

/**
 * Receives each encoded stripe from a {@link StripeEncoder}, in stripe order, on the thread that
 * called {@code write} or {@code finish}. The sink owns the stripe until it calls
 * {@link EncodedStripe#release()}, and may pass its frames to other threads in the meantime.
 */
@FunctionalInterface
public interface StripeSink {
    void accept(EncodedStripe stripe);
}
