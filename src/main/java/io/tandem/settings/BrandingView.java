package io.tandem.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * The branding in effect: the firm's name, its primary colour and the text colour that reads on it, the logo's URL
 * (null: no logo), who changed it last and when (null: as configured).
 */
public record BrandingView(String name, String colour, String textColour, String logoUrl, String updatedBy,
        Instant updatedAt) {

    /** What customers' pages and tandem.js read (no staff names). */
    public record Public(String name, String colour, String textColour, String logoUrl) {}

    @JsonIgnore
    public Public toPublic() {
        return new Public(name, colour, textColour, logoUrl);
    }
}
