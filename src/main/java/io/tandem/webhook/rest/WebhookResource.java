package io.tandem.webhook.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.config.TandemConfig;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import io.tandem.webhook.DeliveryView;
import io.tandem.webhook.EndpointRequest;
import io.tandem.webhook.EndpointView;
import io.tandem.webhook.service.Endpoints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Outbound webhook endpoints: admins register, change and remove them, read their deliveries and dead letters and
 * redeliver a dead letter; supervisors read them (as the other settings). The signing secret is shown once, on
 * creation.
 */
@Path("/api/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    private final Endpoints endpoints;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    public WebhookResource(Endpoints endpoints, StaffService staff, SecurityIdentity identity, TandemConfig config) {
        this.endpoints = endpoints;
        this.staff = staff;
        this.identity = identity;
        this.maxPageSize = config.sessions().maxPageSize();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Uni<List<EndpointView>> list() {
        return endpoints.list();
    }

    /** 201 with the endpoint and its secret (whsec_…); 422 when the URL is refused, 400 for unknown event types. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull EndpointRequest request) {
        return staff.current(identity).chain(me -> endpoints.create(request, me))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return endpoints.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EndpointView> update(@PathParam("id") UUID id, @Valid @NotNull EndpointRequest request) {
        return staff.current(identity).chain(me -> endpoints.update(id, request, me));
    }

    /** 204; its pending deliveries and dead letters go with it. */
    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> endpoints.delete(id, me));
    }

    /** {@code ?status=dead} lists the dead letters; pending and delivered the others; newest first. */
    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") UUID id, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return endpoints.deliveries(id, status, Paging.of(page, size, maxPageSize));
    }

    /** A dead letter goes out again under the same webhook-id, with a fresh retry window; 409 if it is not dead. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Uni<DeliveryView> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return staff.current(identity).chain(me -> endpoints.redeliver(id, deliveryId, me));
    }
}
