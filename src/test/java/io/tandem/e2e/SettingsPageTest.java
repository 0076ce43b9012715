package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor page's Settings view: an admin changes the product settings, a supervisor only sees them. */
@QuarkusTest
class SettingsPageTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void restore() {
        pages.closeAll();
        as(ADMIN).body(Map.of("remoteControl", true, "recording", true, "feedbackWindowMinutes", 15))
                .put("/api/admin/settings").then().statusCode(200);
    }

    @Test
    void anAdminTurnsRemoteControlOffAndLengthensTheFeedbackWindowASupervisorOnlyReadsThem() {
        Page admin = pages.staff(ADMIN);
        admin.navigate(BASE + "/supervisor/");
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#set-remote-control")).isChecked();
        assertThat(admin.locator("#set-feedback-window")).hasValue("15");
        admin.locator("#set-remote-control").uncheck();
        admin.fill("#set-feedback-window", "45");
        admin.click("#settings-save");
        assertThat(admin.locator("#settings-status")).hasText(Pattern.compile("Last changed by admin1"));
        as(TestTokens.supervisor1()).get("/api/admin/settings").then().statusCode(200)
                .body("remoteControl", equalTo(false)).body("feedbackWindowMinutes", equalTo(45))
                .body("recording", equalTo(true));

        Page supervisor = pages.staff(TestTokens.supervisor1());
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.click(".tabs [data-view=settings]");
        assertThat(supervisor.locator("#set-feedback-window")).hasValue("45");
        assertThat(supervisor.locator("#set-remote-control")).not().isChecked();
        assertThat(supervisor.locator("#settings-save")).isDisabled();
        assertThat(supervisor.locator("#set-recording")).isDisabled();
        assertThat(supervisor.locator("#settings-readonly")).isVisible();
    }
}
