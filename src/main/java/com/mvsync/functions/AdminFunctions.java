package com.mvsync.functions;

import com.mvsync.admin.AdminApi;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** The admin API: one Lambda function ({@code QUARKUS_FUNQY_EXPORT=admin}) for every {@code /admin/*} route. */
@ApplicationScoped
public class AdminFunctions {

    private final AdminApi api;

    public AdminFunctions(AdminApi api) {
        this.api = api;
    }

    @Funq
    public HttpApiResponse admin(HttpApiEvent request) {
        return api.handle(request);
    }
}
