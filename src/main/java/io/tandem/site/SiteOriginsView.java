package io.tandem.site;

import java.time.Instant;
import java.util.List;

/**
 * The site origins in effect: those set in the configuration (tandem.site.origins; they cannot be removed at run
 * time) and those admins added, oldest first.
 */
public record SiteOriginsView(List<String> configured, List<Added> added) {

    /** An origin an admin added, who added it and when. */
    public record Added(String origin, String addedBy, Instant addedAt) {}
}
