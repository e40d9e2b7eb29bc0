package com.mvsync.admin;

/** An answer other than success, with the status and the error code of the JSON body. */
final class AdminError extends RuntimeException {

    final int status;
    final String code;
    /** For 405: the methods the path does accept. */
    final String allow;

    AdminError(int status, String code, String message) {
        this(status, code, message, null);
    }

    private AdminError(int status, String code, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allow = allow;
    }

    static AdminError methodNotAllowed(String method, String path, String allow) {
        return new AdminError(405, "method_not_allowed", method + " is not allowed on " + path + "; use " + allow,
                allow);
    }

    static AdminError notFound(String message) {
        return new AdminError(404, "not_found", message);
    }

    static AdminError invalid(String message) {
        return new AdminError(400, "invalid_mapping", message);
    }
}
