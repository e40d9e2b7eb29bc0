package com.mvsync.testing.vtiger;

/** A webservice failure answered as HTTP 200 {"success":false,"error":{code,message}}, like Vtiger's WebServiceException. */
final class VtigerError extends RuntimeException {
    static final String DENIED = "Permission to perform the operation is denied";

    final String code;

    VtigerError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static VtigerError accessDenied() {
        return new VtigerError("ACCESS_DENIED", DENIED);
    }

    static VtigerError accessDenied(String suffix) {
        return new VtigerError("ACCESS_DENIED", DENIED + " " + suffix);
    }

    static VtigerError mandatory(String field) {
        return new VtigerError("MANDATORY_FIELDS_MISSING", field + " does not have a value");
    }
}
