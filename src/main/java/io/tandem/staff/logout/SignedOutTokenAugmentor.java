package io.tandem.staff.logout;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses staff tokens of a session the identity provider has signed out (back-channel logout): on the API (401), at
 * relay upgrades (401, no 101) and for in-band token renewals (4401), though the token itself has not expired yet.
 */
@ApplicationScoped
public class SignedOutTokenAugmentor implements SecurityIdentityAugmentor {

    private final SignOuts signOuts;

    public SignedOutTokenAugmentor(SignOuts signOuts) {
        this.signOuts = signOuts;
    }

    /** The quarkus-oidc tenant of the console pages (application.properties: quarkus.oidc.console.*). */
    static final String CONSOLE_TENANT = "console";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && signOuts.isSignedOut(token)) {
            if (isConsoleSignIn(identity, token)) {
                // The console pages' server-side sign-in (its session cookie): treated as not signed in, so the
                // console tenant asks Keycloak again (a redirect for the page, 499 for its scripts), as after expiry.
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
            }
            return Uni.createFrom().failure(new AuthenticationFailedException("signed out"));
        }
        return Uni.createFrom().item(identity);
    }

    private static boolean isConsoleSignIn(SecurityIdentity identity, JsonWebToken token) {
        // quarkus-oidc marks each identity with its tenant; a code-flow identity's principal is the ID token
        return CONSOLE_TENANT.equals(identity.getAttribute("tenant-id")) || "ID".equals(token.getClaim("typ"));
    }
}
