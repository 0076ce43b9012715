package io.tandem.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An unverified customer credential taken from a request. */
public class CustomerCredentialRequest extends BaseAuthenticationRequest {

    private final String credential;

    public CustomerCredentialRequest(String credential) {
        this.credential = credential;
    }

    public String credential() {
        return credential;
    }
}
