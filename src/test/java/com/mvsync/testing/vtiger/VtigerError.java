package com.mvsync.testing.vtiger;

/** A webservice failure answered as HTTP 200 {"success":false,"error":{code,message}}, like Vtiger's WebServiceException. */
final class VtigerError extends RuntimeException {
    static final String DENIED = "Permission to perform the operation is denied";

    /** A string such as "ACCESS_DENIED"; the number 0 for the duplicate error. */
    final Object code;

    VtigerError(String code, String message) {
        this((Object) code, message);
    }

    private VtigerError(Object code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * Duplicate Prevention's refusal. Its code is the JSON number 0, not a string: the DuplicateException's own code
     * passes through (18_err_create_Accounts_duplicate_name.json).
     */
    static VtigerError duplicates() {
        return new VtigerError(Integer.valueOf(0), "Duplicate(s) detected!");
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
