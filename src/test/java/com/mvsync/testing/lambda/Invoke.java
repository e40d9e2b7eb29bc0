package com.mvsync.testing.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;

/** Invokes the function under test through the Lambda mock event server and reads its HTTP API response. */
public final class Invoke {

    private Invoke() {
    }

    /** Sends a signed POST and returns the JSON body of the function's answer, which must have {@code status}. */
    public static JsonPath signed(String path, String body, int status) {
        return event(HttpApiRequests.signedPost(path, body), status);
    }

    public static JsonPath event(String event, int status) {
        String body = given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .body("statusCode", equalTo(status)).extract().jsonPath().getString("body");
        return new JsonPath(body == null ? "{}" : body);
    }
}
