package io.tandem.staff.logout;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
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

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && signOuts.isSignedOut(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("signed out"));
        }
        return Uni.createFrom().item(identity);
    }
}
