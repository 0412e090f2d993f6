package org.medconnect.server.platform;

import io.grpc.Context;
import java.util.Optional;

/** Who is calling and from where, for the duration of one RPC. Set by {@link AuthInterceptor}. */
public final class CallContext {

    static final Context.Key<Principal> PRINCIPAL = Context.key("medconnect-principal");
    static final Context.Key<String> CLIENT_ADDRESS = Context.key("medconnect-client-address");

    private CallContext() {}

    /** The signed-in caller; every RPC but the public ones has one. */
    public static Principal principal() {
        Principal p = PRINCIPAL.get();
        if (p == null) {
            throw new DomainException.Unauthenticated("SIGN_IN_REQUIRED", "Please sign in first.");
        }
        return p;
    }

    public static Optional<Principal> maybePrincipal() {
        return Optional.ofNullable(PRINCIPAL.get());
    }

    /** The remote address of the caller, e.g. "192.168.1.20:51234", or "unknown". */
    public static String clientAddress() {
        String a = CLIENT_ADDRESS.get();
        return a == null ? "unknown" : a;
    }
}
