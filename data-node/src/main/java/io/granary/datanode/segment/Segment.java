package io.granary.datanode.segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment file ({@code segments/<16 hex digits>.seg}) and its channel, shared by the appender and
 * every reader. Readers {@link #acquire} it for the life of a read stream; a compacted segment is
 * {@link #retire}d and its file deleted only when the last reader has released it. {@code size} is the
 * durable end (advanced by the appender after each forced batch); {@code live} counts the record bytes
 * of PUTs the index still points at.
 */
public final class Segment {
    private final long id;
    private final Path file;
    private volatile FileChannel channel;
    private final AtomicLong live = new AtomicLong();
    private volatile long size;
    private int readers;
    private boolean retired;
    private boolean deleted;

    Segment(long id, Path file, FileChannel channel, long size) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static Segment open(long id, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new Segment(id, file, channel, channel.size());
    }

    /**
     * Opens the channel afresh if it was closed under us: an interrupt of a thread inside a channel call
     * closes the channel for every user (ClosedByInterruptException). False once the segment is deleted.
     */
    synchronized boolean reopen() throws IOException {
        if (deleted) return false;
        if (!channel.isOpen()) channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return true;
    }

    /** A read-only channel of its own for one reader, so nothing a reader's thread suffers reaches the others. */
    FileChannel openForRead() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    static String fileName(long id) {
        return String.format("%016x.seg", id);
    }

    static long idOf(String fileName) {
        return Long.parseUnsignedLong(fileName.substring(0, 16), 16);
    }

    public long id() {
        return id;
    }

    public FileChannel channel() {
        return channel;
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    void size(long durableEnd) {
        this.size = durableEnd;
    }

    long liveBytes() {
        return live.get();
    }

    void addLive(long bytes) {
        live.addAndGet(bytes);
    }

    /** Takes a reader's hold; false once the segment is retired, so the caller looks the shard up again. */
    synchronized boolean acquire() {
        if (retired) return false;
        readers++;
        return true;
    }

    /** Drops a reader's hold, deleting a retired segment's file with the last one. */
    public void release() throws IOException {
        boolean last;
        synchronized (this) {
            readers--;
            last = retired && readers == 0;
        }
        if (last) delete();
    }

    /** Marks the segment compacted; the file goes now or when its last reader releases it. */
    void retire() throws IOException {
        boolean idle;
        synchronized (this) {
            retired = true;
            idle = readers == 0;
        }
        if (idle) delete();
    }

    synchronized boolean isDeleted() {
        return deleted;
    }

    private void delete() throws IOException {
        synchronized (this) {
            if (deleted) return;
            deleted = true;
        }
        channel.close();
        Files.deleteIfExists(file);
    }

    void close() throws IOException {
        channel.close();
    }
}
