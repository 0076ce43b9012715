package io.tandem.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free log-linear histogram of nanosecond latencies: exact below 128 ns, then 64 buckets per power of two, so
 * every reported percentile is at most 1/64 (1.6 %) above the true value. Safe to record from many threads.
 */
final class Latency {

    private static final int SUB = 64;
    private final AtomicLongArray buckets = new AtomicLongArray(SUB * 64 + 2 * SUB);
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Long::max, 0);

    void record(long nanos) {
        long v = Math.max(0, nanos);
        buckets.incrementAndGet(index(v));
        count.increment();
        sum.add(v);
        max.accumulate(v);
    }

    long count() {
        return count.sum();
    }

    long max() {
        return max.get();
    }

    double meanNanos() {
        long n = count.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /** The value at quantile {@code q} (0..1): the upper bound of its bucket, never above the maximum seen. */
    long quantile(double q) {
        long n = count.sum();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - 6; // v >>> shift is in [64, 127]
        return SUB * shift + (int) (v >>> shift);
    }

    static long upperBound(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long mantissa = index - (long) SUB * shift;
        return ((mantissa + 1) << shift) - 1;
    }
}
