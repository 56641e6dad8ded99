package io.granary.datanode.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the records of one segment file in order through a 1 MiB window (one read per window, not per
 * record). A record is accepted when its header decodes and, if asked, its payload matches the header's
 * CRC32C. A bad record is skipped by resynchronising on the next offset holding a fully valid record
 * (header and payload CRC), so one flipped byte costs one record, not the rest of the segment;
 * {@link #end()} is where the last valid record ends, the truncation point for a torn tail.
 */
final class SegmentScan {
    private static final int WINDOW = 1 << 20;

    /** One accepted record. */
    record Found(long offset, SegmentRecord.Header header) {
    }

    private final FileChannel channel;
    private final long size;
    private final boolean verifyPayloads;
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
    private long windowStart;
    private long position;
    private long end;
    private long skippedBytes;

    SegmentScan(FileChannel channel, long size, boolean verifyPayloads) throws IOException {
        this.channel = channel;
        this.size = size;
        this.verifyPayloads = verifyPayloads;
        window.limit(0);
    }

    /** The next valid record, or null at the end of the file. */
    Found next() throws IOException {
        long badStart = -1;
        while (position + SegmentRecord.HEADER_SIZE <= size) {
            SegmentRecord.Header header = headerAt(position);
            if (header != null && position + header.recordLength() <= size && (badStart < 0 && !verifyPayloads
                    || payloadMatches(position, header) || badStart < 0 && followedByRecord(position, header))) {
                if (badStart >= 0) skippedBytes += position - badStart;
                Found found = new Found(position, header);
                position += header.recordLength();
                end = position;
                return found;
            }
            if (badStart < 0) badStart = position;
            position++;
        }
        return null;
    }

    /** Where the last valid record ends; bytes after it are a torn or corrupt tail. */
    long end() {
        return end;
    }

    /** Bytes of corrupt records skipped between valid ones. */
    long skippedBytes() {
        return skippedBytes;
    }

    /** The payload of the record at {@code offset}, read whole. */
    ByteBuffer payload(long offset, SegmentRecord.Header header) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate((int) header.payloadLength());
        readFully(channel, payload, offset + SegmentRecord.HEADER_SIZE);
        return payload.flip();
    }

    private SegmentRecord.Header headerAt(long offset) throws IOException {
        if (offset < windowStart || offset + SegmentRecord.HEADER_SIZE > windowStart + window.limit()) {
            window.clear();
            windowStart = offset;
            int n = 0;
            while (window.hasRemaining() && windowStart + n < size) {
                int read = channel.read(window, windowStart + n);
                if (read < 0) break;
                n += read;
            }
            window.flip();
        }
        return SegmentRecord.readHeader(window.duplicate().position((int) (offset - windowStart)));
    }

    /**
     * A record whose payload fails its CRC but is followed by a valid header was written whole and rotted
     * later: it stays indexed, and its frames' own CRCs make the shard read CORRUPT, as a file shard would.
     */
    private boolean followedByRecord(long offset, SegmentRecord.Header header) throws IOException {
        long next = offset + header.recordLength();
        return next + SegmentRecord.HEADER_SIZE <= size && headerAt(next) != null;
    }

    private boolean payloadMatches(long offset, SegmentRecord.Header header) throws IOException {
        return SegmentRecord.crc(payload(offset, header)) == header.payloadCrc();
    }

    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) throw new java.io.EOFException("segment ended at byte " + at);
            at += n;
        }
    }
}
