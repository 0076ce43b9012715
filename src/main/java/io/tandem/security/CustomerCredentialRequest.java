package io.tandem.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An unverified session credential taken from a request: a customer's, or a stage credential. */
public class CustomerCredentialRequest extends BaseAuthenticationRequest {

    private final String credential;
    private final boolean stage;

    public CustomerCredentialRequest(String credential, boolean stage) {
        this.credential = credential;
        this.stage = stage;
    }

    public String credential() {
        return credential;
    }

    public boolean stage() {
        return stage;
    }
}
