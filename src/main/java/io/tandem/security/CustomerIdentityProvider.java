package io.tandem.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a valid customer credential into an identity with the `customer` role, bound to its one session. */
@ApplicationScoped
public class CustomerIdentityProvider implements IdentityProvider<CustomerCredentialRequest> {

    /** Identity attribute holding the {@link CustomerCredential}. */
    public static final String CREDENTIAL_ATTRIBUTE = "tandem.customer-credential";

    private final CustomerCredentials credentials;

    public CustomerIdentityProvider(CustomerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<CustomerCredentialRequest> getRequestType() {
        return CustomerCredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CustomerCredentialRequest request, AuthenticationRequestContext context) {
        return credentials.verify(request.credential())
                .<Uni<SecurityIdentity>>map(grant -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("customer:" + grant.customerId()))
                        .addRole(Roles.CUSTOMER)
                        .addAttribute(CREDENTIAL_ATTRIBUTE, grant)
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
    }
}
