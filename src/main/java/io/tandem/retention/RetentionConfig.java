package io.tandem.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long Tandem keeps what, and how often it purges. */
@ConfigMapping(prefix = "tandem.retention")
public interface RetentionConfig {

    /** Recording content is deleted this long after its session ended. Default 180 days. */
    @WithDefault("180d")
    Duration recordings();

    /**
     * Free text on touchpoints (advisor notes, the customer's comment) is cleared this long after the session ended;
     * the touchpoint itself (who, when, outcome, score) and the audit log stay. Default 3 years (1095 days).
     */
    @WithDefault("1095d")
    Duration notes();

    /** How often the purge runs. Default every hour. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Sessions purged per statement, so one purge never holds long locks. Default 500. */
    @WithDefault("500")
    int batch();
}
