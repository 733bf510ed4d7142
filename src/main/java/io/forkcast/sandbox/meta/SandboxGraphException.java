package io.forkcast.sandbox.meta;

/** A Graph error the sandbox answers with, in Meta's shape. */
class SandboxGraphException extends RuntimeException {

    final int httpStatus;
    final int code;
    final Integer subcode;
    final boolean isTransient;

    SandboxGraphException(int httpStatus, int code, Integer subcode, boolean isTransient, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcode = subcode;
        this.isTransient = isTransient;
    }

    static SandboxGraphException of(int code, Integer subcode, String message) {
        return new SandboxGraphException(400, code, subcode, false, message);
    }
}
