package io.tandem.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a test fails, a screenshot of every browser page it still has open is saved next to its report
 * (target/screenshots/failures/&lt;class&gt;.&lt;method&gt;-n.png) and named in the output, before the test's own clean-up
 * closes the pages. Registered for every test (META-INF/services; Quarkus enables extension auto-detection). A
 * {@code @QuarkusTest} runs in Quarkus' class loader, which has its own {@link Browsers}: the call goes through the test
 * class's loader to reach the Chromium the test used.
 */
public final class FailureScreenshots implements AfterTestExecutionCallback {

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        Class<?> browsers;
        try {
            browsers = Class.forName(Browsers.class.getName(), false, context.getRequiredTestClass().getClassLoader());
        } catch (ClassNotFoundException noBrowserTests) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        @SuppressWarnings("unchecked")
        List<String> written = (List<String>) browsers.getMethod("screenshotOpenPages", String.class).invoke(null,
                name);
        written.forEach(w -> System.out.println("Screenshot of the failed test " + name + ": " + w));
    }
}
