package com.mvsync.vtiger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The raw webservice.php endpoint. Reads are GET with query parameters, writes are form-encoded POSTs, as Vtiger
 * 8.2.0 demands (the wrong method answers ACCESS_DENIED). Answers are read as raw text because Vtiger's PHP fatals
 * come back as HTTP 500 with an empty body, which a JSON reader would turn into a confusing error.
 */
@Path("/webservice.php")
public interface VtigerApi {

    @GET
    Response get(@QueryParam("operation") String operation,
            @QueryParam("sessionName") String sessionName,
            @QueryParam("username") String username,
            @QueryParam("elementType") String elementType,
            @QueryParam("id") String id,
            @QueryParam("query") String query);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response post(MultivaluedMap<String, String> form);
}
