package com.mvsync.admin;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.http.PathPattern;
import java.util.Map;

/** One row of the admin API's route table: a method, a path pattern and what answers it. */
public record AdminRoute(String method, PathPattern pattern, Handler handler) {

    /** Answers a request whose path matched, given the (decoded) values of the pattern's parameters. */
    @FunctionalInterface
    public interface Handler {
        HttpApiResponse handle(HttpApiEvent request, Map<String, String> parameters);
    }

    static AdminRoute of(String method, String pattern, Handler handler) {
        return new AdminRoute(method, new PathPattern(pattern), handler);
    }
}
