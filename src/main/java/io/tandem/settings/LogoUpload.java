package io.tandem.settings;

import io.tandem.api.BoundedUpload;
import jakarta.enterprise.context.ApplicationScoped;

/** The logo upload is bounded by the branding resource itself (256 KiB), not by the JSON body limit. */
@ApplicationScoped
public class LogoUpload implements BoundedUpload {

    @Override
    public boolean matches(String method, String path) {
        return BrandingResource.isUpload(method, path);
    }
}
