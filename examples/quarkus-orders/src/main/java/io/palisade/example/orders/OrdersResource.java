package io.palisade.example.orders;

import io.palisade.common.jwt.Roles;
import io.palisade.common.validation.PathIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's orders. The service verifies every token itself (common's verification, with the revoked
 * sessions' feed), whatever the gateway checked: a request that reaches it some other way gets no further.
 */
@Path("/api/orders")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class OrdersResource {

    private final Orders orders;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    OrdersResource(Orders orders, JsonWebToken caller, SecurityIdentity identity) {
        this.orders = orders;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(@Valid @NotNull NewOrder request) {
        return Response.status(Response.Status.CREATED).entity(orders.place(callerId(), request)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Order> mine() {
        return orders.of(callerId());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Order one(@PathParam("id") String id) {
        return orders.find(callerId(), identity.hasRole(Roles.ADMIN), PathIds.uuid(id, "id"));
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }
}
