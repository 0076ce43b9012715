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

/**
 * Turns a valid session credential into an identity bound to its one session: role `customer` for a customer
 * credential, `stage` for the advisor's page on the stage (its second id is the advisor's).
 */
@ApplicationScoped
public class CustomerIdentityProvider implements IdentityProvider<CustomerCredentialRequest> {

    /** Identity attribute holding the {@link CustomerCredential}. */
    public static final String CREDENTIAL_ATTRIBUTE = "tandem.customer-credential";

    private final CustomerCredentials credentials;

    public CustomerIdentityProvider(CustomerCredentials credentials) {
        this.credentials = credentials;
    }

    /** The caller's customer credential, which must be for this session: 403 problem otherwise. */
    public static CustomerCredential credentialFor(SecurityIdentity identity, java.util.UUID sessionId) {
        CustomerCredential credential = identity.getAttribute(CREDENTIAL_ATTRIBUTE);
        if (credential == null || !credential.sessionId().equals(sessionId)) {
            throw new io.tandem.api.ProblemException(io.tandem.api.ProblemType.FORBIDDEN,
                    "This credential is for another session");
        }
        return credential;
    }

    @Override
    public Class<CustomerCredentialRequest> getRequestType() {
        return CustomerCredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CustomerCredentialRequest request, AuthenticationRequestContext context) {
        String role = request.stage() ? Roles.STAGE : Roles.CUSTOMER;
        return (request.stage()
                ? credentials.verifyStage(request.credential())
                : credentials.verify(request.credential()))
                .<Uni<SecurityIdentity>>map(grant -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(role + ":" + grant.customerId()))
                        .addRole(role)
                        .addAttribute(CREDENTIAL_ATTRIBUTE, grant)
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
    }
}
