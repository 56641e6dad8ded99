package io.granary.api.pipeline;

import io.granary.api.crypto.BlockSealer;
import io.granary.erasure.EncodedStripe;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeEncoder;
import io.granary.erasure.StripeLayout;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.PayloadDecoder;
import io.granary.metadata.model.Sealing;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CPU side of one upload, run on the codec pool one batch at a time and in order: the body as
 * received is decoded (aws-chunked framing and chunk signatures, or the literal SHA-256 check), the
 * payload is digested (MD5 and the requested checksum), encrypted when the part is sealed ({@link BlockSealer}:
 * the digests are of the plaintext, the stripes of the ciphertext) and striped into framed chunks. Everything
 * proportional to the payload happens here, never on an event loop. Not thread-safe.
 */
final class ObjectBody {
    private final PayloadDecoder decoder;
    private final PayloadDigests digests;
    private final StripeEncoder encoder;
    private final List<EncodedStripe> emitted = new ArrayList<>();
    private final PartKeys.PartKey key;
    private final BlockSealer sealer;
    private long plainBytes;

    /** @param key the part's data key when it is sealed, else null */
    ObjectBody(AuthResult auth, PayloadDigests digests, ReedSolomon codec, StripeLayout layout,
            PartKeys.PartKey key) {
        this.digests = digests;
        this.encoder = new StripeEncoder(codec, layout, emitted::add);
        this.decoder = PayloadDecoder.forRequest(auth, this::accept);
        this.key = key;
        this.sealer = key == null ? null : new BlockSealer(key.cipher(), encoder::write);
    }

    private void accept(ByteBuffer payload) {
        digests.update(payload);
        plainBytes += payload.remaining();
        if (sealer == null) {
            encoder.write(payload);
        } else {
            sealer.write(payload);
        }
    }

    /** Feeds raw body pieces and returns the stripes they completed, in order. */
    List<EncodedStripe> ingest(List<Buffer> pieces) {
        for (Buffer piece : pieces) {
            decoder.feed(Buffers.view(piece));
        }
        return drain();
    }

    /**
     * Ends the body: checks it is complete and matches its signature (throws {@code AuthException}
     * otherwise), and returns the last stripes.
     */
    List<EncodedStripe> finish() {
        decoder.finish();
        if (sealer != null) sealer.finish();
        encoder.finish();
        return drain();
    }

    /** The payload's digests; after {@link #finish()}. */
    PayloadDigests.Result digests() {
        return digests.finish();
    }

    /** How the part is sealed, null when it is stored in clear; after {@link #finish()}. */
    Sealing sealing() {
        return sealer == null ? null : new Sealing(key.encryption(), plainBytes, key.wrappedKey(),
                sealer.storedCrc32c());
    }

    /** Bytes handed to the encoder: the payload's, or its sealed blocks'. */
    long storedBytes() {
        return sealer == null ? plainBytes : sealer.storedBytes();
    }

    /** Trailing headers of an aws-chunked body; after {@link #finish()}. */
    Map<String, String> trailers() {
        return decoder.trailers();
    }

    private List<EncodedStripe> drain() {
        List<EncodedStripe> out = List.copyOf(emitted);
        emitted.clear();
        return out;
    }
}
