package io.tandem.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Chooses the test ports ({@link TestPorts}) when the test JVM's JUnit session opens, before any app starts. */
public class TestPortsListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestPorts.choose();
    }
}
