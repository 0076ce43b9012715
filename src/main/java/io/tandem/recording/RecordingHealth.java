package io.tandem.recording;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while recordings cannot be stored and their buffer is (nearly) full: frames are being lost. */
@Readiness
@ApplicationScoped
public class RecordingHealth implements HealthCheck {

    private final Recorder recorder;

    public RecordingHealth(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("recording").status(!recorder.full())
                .withData("bufferedBytes", recorder.bufferedBytes()).withData("maxBytes", recorder.maxBytes())
                .build();
    }
}
