package io.tandem.touchpoint.rest;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.config.TandemConfig;
import io.tandem.touchpoint.ViewedDocuments;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import io.tandem.touchpoint.NewCustomer;
import io.tandem.touchpoint.service.CustomerService;
import io.tandem.touchpoint.service.TouchpointService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.ladder.LadderChangeView;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Customers and their relationship timelines, for staff. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class CustomerResource {

    private final CustomerService customers;
    private final TouchpointService touchpoints;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final TandemConfig config;
    private final ViewedDocuments documents;

    public CustomerResource(CustomerService customers, TouchpointService touchpoints, StaffService staff,
            SecurityIdentity identity, TandemConfig config, ViewedDocuments documents) {
        this.documents = documents;
        this.customers = customers;
        this.touchpoints = touchpoints;
        this.staff = staff;
        this.identity = identity;
        this.config = config;
    }

    @GET
    public Uni<Page<CustomerView>> search(@QueryParam("query") String query, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.sessions().maxPageSize());
        return staff.current(identity).chain(me -> customers.search(query, paging))
                .map(p -> new Page<>(p.items().stream().map(CustomerView::of).toList(), p.page(), p.size(),
                        p.total()));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull NewCustomer request) {
        return staff.current(identity).chain(me -> customers.create(request))
                .map(c -> Response.created(URI.create("/api/customers/" + c.id)).entity(CustomerView.of(c)).build());
    }

    @GET
    @Path("{id}")
    public Uni<CustomerView> get(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> customers.get(id))
                .chain(c -> customers.accountManagerName(c).map(name -> CustomerView.of(c, name)));
    }

    /** A rung set by hand, with the reason the timeline shows beside it. */
    public record RungRequest(
            @NotNull(message = "Choose a rung: prospect, customer, client, supporter or advocate.") Rung rung,
            @NotBlank(message = "Say why the customer moves to this rung.") @Size(max = 500, message = "Keep the reason to {max} characters or fewer.") String reason) {}

    /** Sets the customer's rung by hand (advisors and supervisors); kept on the timeline with the reason. */
    @PUT
    @Path("{id}/rung")
    public Uni<CustomerView> setRung(@PathParam("id") UUID id, @Valid @NotNull RungRequest request) {
        return staff.current(identity).chain(me -> customers.setRung(id, request.rung(), request.reason(), me))
                .map(CustomerView::of);
    }

    /** The customer's moves on the loyalty ladder, newest first (the relationship timeline shows them). */
    @GET
    @Path("{id}/ladder")
    public Uni<List<LadderChangeView>> ladder(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> customers.ladder(id));
    }

    @GET
    @Path("{id}/timeline")
    public Uni<Page<TouchpointView>> timeline(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config.sessions().maxPageSize());
        return staff.current(identity).chain(me -> touchpoints.timeline(id, paging))
                .chain(p -> {
                    List<UUID> sessions = p.items().stream().map(e -> e.touchpoint().sessionId).toList();
                    return documents.viewedIn(sessions).chain(viewed -> touchpoints.advisorsIn(sessions)
                            .map(advisors -> new Page<>(p.items().stream()
                                    .map(e -> TouchpointView.of(e, viewed, advisors)).toList(), p.page(), p.size(),
                                    p.total())));
                });
    }
}
