package io.palisade.auth.registration;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/auth/register")
@PermitAll
class RegistrationResource {

    private final RegistrationFlow flow;

    RegistrationResource(RegistrationFlow flow) {
        this.flow = flow;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Registered>> register(@Valid @NotNull RegisterRequest request) {
        return flow.register(request).map(registered -> RestResponse.status(Response.Status.CREATED, registered));
    }
}
