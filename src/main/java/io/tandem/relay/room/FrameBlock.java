package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Frames kept for later (a snapshot, or a sealed run of incrementals or logged frames): deflated together once, off
 * the relay's path, and inflated only when read (a viewer joins, resumes or is resynchronised), byte for byte what was
 * relayed. Until the packer has run, or if it never does (its queue was full), the frames are held as they are.
 */
final class FrameBlock {

    /**
     * zlib's fastest level: about a quarter of the default level's CPU for about 25 % more heap on rrweb JSON (see
     * docs/performance.md: at the default level the packer was a fifth of the server's CPU under the side-by-side load).
     */
    static final int LEVEL = Deflater.BEST_SPEED;
    /** Blocks waiting for the packer at once; beyond, a block stays unpacked (memory over CPU never stalls the relay). */
    static final int MAX_WAITING = 4096;

    /** One daemon thread for every room on this node: packing never runs on an event loop or under a room's lock. */
    static final Executor BACKGROUND = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING), r -> {
                Thread t = new Thread(r, "tandem-frame-packer");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private final int[] lengths;
    private final long rawBytes;
    /** Guarded by this: the frames as relayed until packed, then null. */
    private Buffer[] raw;
    private byte[] packed;

    private FrameBlock(Buffer[] frames) {
        this.raw = frames;
        this.lengths = new int[frames.length];
        long sum = 0;
        for (int i = 0; i < frames.length; i++) {
            lengths[i] = frames[i].length();
            sum += lengths[i];
        }
        this.rawBytes = sum;
    }

    /** The frames as one block, handed to {@code packer} to be deflated. */
    static FrameBlock of(List<Buffer> frames, Executor packer) {
        FrameBlock block = new FrameBlock(frames.toArray(Buffer[]::new));
        packer.execute(block::pack);
        return block;
    }

    int count() {
        return lengths.length;
    }

    /** The frames' own size, as relayed: what bounds count. */
    long rawBytes() {
        return rawBytes;
    }

    /** What the block holds on the heap now (the frames, or their deflated bytes). */
    synchronized long heldBytes() {
        return raw != null ? rawBytes : packed.length;
    }

    synchronized boolean isPacked() {
        return packed != null;
    }

    /** The frames, byte for byte as they were given. */
    List<Buffer> frames() {
        Buffer[] r;
        byte[] p;
        synchronized (this) {
            r = raw;
            p = packed;
        }
        return r != null ? List.of(r) : inflate(p);
    }

    /** Deflates the frames (outside the lock: readers meanwhile get them as they are), then drops them. */
    void pack() {
        Buffer[] r;
        synchronized (this) {
            r = raw;
        }
        if (r == null) {
            return;
        }
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, rawBytes / 4))];
            int size = 0;
            for (int i = 0; i <= r.length; i++) {
                if (i < r.length) {
                    deflater.setInput(r[i].getByteBuf().nioBuffer()); // a view, not a copy of the frame
                } else {
                    deflater.finish();
                }
                while (i < r.length ? !deflater.needsInput() : !deflater.finished()) {
                    if (size == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    size += deflater.deflate(out, size, out.length - size);
                }
            }
            byte[] done = Arrays.copyOf(out, size);
            synchronized (this) {
                packed = done;
                raw = null;
            }
        } finally {
            deflater.end();
        }
    }

    private List<Buffer> inflate(byte[] p) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(p);
            List<Buffer> frames = new ArrayList<>(lengths.length);
            for (int length : lengths) {
                byte[] frame = new byte[length];
                int at = 0;
                while (at < length) {
                    int n = inflater.inflate(frame, at, length - at);
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IllegalStateException("packed frames are cut short");
                    }
                    at += n;
                }
                frames.add(Buffer.buffer(frame));
            }
            return frames;
        } catch (DataFormatException e) {
            throw new IllegalStateException("packed frames are corrupt", e);
        } finally {
            inflater.end();
        }
    }
}
