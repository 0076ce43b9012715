package io.tandem.web;

import io.tandem.config.TandemConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Public settings the browser pages need before sign-in: where Keycloak is, and the firm's site. */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ConfigResource {

    /** The configuration the consoles read. */
    public record PublicConfig(Oidc oidc, Site site) {
        /** Staff sign-in: the realm URL and the public client of the consoles. */
        public record Oidc(String authority, String clientId) {}

        /** The firm's website. */
        public record Site(String name, String startUrl) {}
    }

    private final PublicConfig config;

    public ConfigResource(TandemConfig tandem,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authority) {
        this.config = new PublicConfig(new PublicConfig.Oidc(authority.orElse("").replaceAll("/+$", ""),
                tandem.staff().consoleClientId()),
                new PublicConfig.Site(tandem.site().name(), tandem.site().startUrl()));
    }

    @GET
    public PublicConfig get() {
        return config;
    }
}
