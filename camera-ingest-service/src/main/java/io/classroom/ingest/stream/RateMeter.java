package io.classroom.ingest.stream;

/** Events per second over a sliding time window, from the times of the most recent events. */
public final class RateMeter {

    private final long windowNanos;
    private final long[] times = new long[64];
    private int next;
    private int count;

    public RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    public synchronized void mark(long nowNanos) {
        times[next] = nowNanos;
        next = (next + 1) % times.length;
        count = Math.min(count + 1, times.length);
    }

    public synchronized double rate(long nowNanos) {
        int inWindow = 0;
        long oldest = nowNanos;
        for (int i = 0; i < count; i++) {
            long t = times[(next - 1 - i + times.length) % times.length];
            if (nowNanos - t > windowNanos) {
                break;
            }
            inWindow++;
            oldest = t;
        }
        if (inWindow < 2) {
            return 0;
        }
        long span = Math.max(nowNanos - oldest, 1);
        return (inWindow - 1) * 1_000_000_000.0 / span;
    }
}
