package io.tandem.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Replaces the application clock in tests: real time plus whatever the tests have skipped ahead. Never goes back. */
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Duration> skipped = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration d) {
        skipped.updateAndGet(s -> s.plus(d));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(skipped.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
