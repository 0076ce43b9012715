package io.tandem.staff.logout;

import io.smallrye.common.annotation.Blocking;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The identity provider's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0): Keycloak posts a
 * signed logout token here when a staff member signs out or is signed out there; that session's tokens stop working
 * at once and its relay connections are closed with 4401.
 */
@Path("/api/auth/backchannel-logout")
@PermitAll
public class BackChannelLogoutResource {

    private static final Logger LOG = Logger.getLogger(BackChannelLogoutResource.class);

    private final LogoutTokenVerifier verifier;
    private final SignOuts signOuts;

    public BackChannelLogoutResource(SignOuts signOuts, TandemConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this.signOuts = signOuts;
        // the identity provider stamps logout tokens with real time: check them against real time, not the app's
        // (test-movable) clock
        this.verifier = new LogoutTokenVerifier(authServerUrl, config.staff().consoleClientId(),
                config.staff().signOutMemory(), Clock.systemUTC());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    public Response logout(@FormParam("logout_token") String token) {
        Optional<SignOut> signOut = verifier.verify(token);
        if (signOut.isEmpty()) {
            LOG.info("Refused a back-channel logout request: not a valid logout token"); // never log the token
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Not a valid logout token");
        }
        LOG.infof("Back-channel logout of %s", signOut.get().sid() != null
                ? "session " + signOut.get().sid()
                : "subject " + signOut.get().subject());
        signOuts.record(signOut.get());
        return Response.ok().header("Cache-Control", "no-store").build();
    }
}
