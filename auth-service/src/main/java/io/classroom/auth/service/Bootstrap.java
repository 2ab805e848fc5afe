package io.classroom.auth.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** At start: signing keys, then the operator tenant and admin, before any request is served. */
@ApplicationScoped
public class Bootstrap {

    private final SigningKeys keys;
    private final TenantService tenants;

    Bootstrap(SigningKeys keys, TenantService tenants) {
        this.keys = keys;
        this.tenants = tenants;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> keys.initialise().chain(tenants::bootstrap));
    }
}
