package io.tandem.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Nanosecond latencies in an HdrHistogram (three significant digits: every reported percentile is within 0.1 % of the
 * true value; max is exact). Safe to record from many threads: receivers record on the client's I/O threads.
 */
final class Latency {

    /** One hour in nanoseconds: anything slower is recorded as one hour (and would be a stuck socket anyway). */
    private static final long HIGHEST = 3_600_000_000_000L;
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST, 3);

    void record(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST, nanos)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    long max() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue();
    }

    double meanNanos() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean();
    }

    /** The value at quantile {@code q} (0..1), as HdrHistogram reports it (never above the maximum seen). */
    long quantile(double q) {
        return histogram.getTotalCount() == 0 ? 0 : Math.min(histogram.getValueAtPercentile(q * 100), max());
    }

    /** A copy, e.g. to write the distribution out (Histogram.outputPercentileDistribution). */
    Histogram copy() {
        return histogram.copy();
    }
}
