package io.tandem.config;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The application clock: every timestamp and expiry comes from here, so tests can move time instead of sleeping. */
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
