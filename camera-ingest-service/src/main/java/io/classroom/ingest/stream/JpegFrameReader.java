package io.classroom.ingest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits ffmpeg's MJPEG pipe into JPEG frames on the SOI (FF D8) and EOI (FF D9) markers. Memory is bounded: a frame
 * growing past {@code maxFrameBytes} is dropped (counted) and the reader resynchronises on the next SOI. Inside the
 * entropy-coded data FF is always stuffed (FF 00), so EOI cannot appear before the end of a frame.
 */
public final class JpegFrameReader {

    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private byte[] frame = new byte[64 * 1024];
    private int length;
    private boolean inFrame;
    private boolean skipping;
    private int previous = -1;
    private long oversize;

    public JpegFrameReader(InputStream in, int maxFrameBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Reads until end of stream, handing each complete frame to {@code sink}. */
    public void readAll(Consumer<byte[]> sink) throws IOException {
        int n;
        while ((n = in.read(chunk)) >= 0) {
            for (int i = 0; i < n; i++) {
                accept(chunk[i] & 0xff, sink);
            }
        }
    }

    /** Frames dropped because they exceeded the size limit. */
    public long oversizeFrames() {
        return oversize;
    }

    private void accept(int b, Consumer<byte[]> sink) {
        if (!inFrame) {
            if (previous == 0xFF && b == 0xD8) {
                inFrame = true;
                skipping = false;
                length = 0;
                append(0xFF);
                append(0xD8);
            }
            previous = b;
            return;
        }
        if (!skipping) {
            append(b);
        }
        if (previous == 0xFF && b == 0xD9) {
            inFrame = false;
            if (!skipping) {
                sink.accept(Arrays.copyOf(frame, length));
            }
            previous = -1;
            return;
        }
        previous = b;
    }

    private void append(int b) {
        if (length == maxFrameBytes) {
            skipping = true;
            oversize++;
            length = 0;
            return;
        }
        if (length == frame.length) {
            frame = Arrays.copyOf(frame, Math.min(maxFrameBytes, frame.length * 2));
        }
        frame[length++] = (byte) b;
    }
}
