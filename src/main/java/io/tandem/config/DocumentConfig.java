package io.tandem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the policy document library. */
@ConfigMapping(prefix = "tandem.documents")
public interface DocumentConfig {

    /** Largest document upload, in bytes (413 beyond, refused while streaming). Default 10 MiB. */
    @WithDefault("10485760")
    int maxBytes();

    /** Largest number of pages a PDF may have (422 beyond). Default 2000. */
    @WithDefault("2000")
    int maxPages();
}
