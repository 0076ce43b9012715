package io.tandem.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads a session credential from {@code Authorization: Customer <credential>} (a customer) or {@code Authorization:
 * Stage <credential>} (the advisor's page on the stage). Requests with any other scheme are left to the OIDC bearer
 * mechanism, so staff tokens and session credentials never mix.
 */
@ApplicationScoped
public class CustomerAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SCHEME = "Customer";
    private static final String PREFIX = SCHEME + " ";
    private static final String STAGE_PREFIX = "Stage ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return identityProviderManager
                    .authenticate(new CustomerCredentialRequest(header.substring(PREFIX.length()).trim(), false));
        }
        if (header != null && header.regionMatches(true, 0, STAGE_PREFIX, 0, STAGE_PREFIX.length())) {
            return identityProviderManager
                    .authenticate(new CustomerCredentialRequest(header.substring(STAGE_PREFIX.length()).trim(), true));
        }
        return Uni.createFrom().optional(java.util.Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CustomerCredentialRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));
    }
}
