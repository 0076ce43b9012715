package io.tandem.session.rest;

import jakarta.validation.constraints.Size;

/** A customer redeeming either the 6-digit code or the token from the join link's fragment. */
public record JoinRequest(@Size(max = 6) String code, @Size(max = 64) String token) {}
