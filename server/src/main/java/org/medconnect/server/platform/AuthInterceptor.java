package org.medconnect.server.platform;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.net.SocketAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link AccessPolicy} on every call: finds the session from the
 * {@code authorization: Bearer} header, checks the role, and puts the caller in the
 * gRPC {@link Context} for the services. Refusals never reach a service.
 */
public final class AuthInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final AccessPolicy policy;
    private final SessionAuthenticator authenticator;
    private final ErrorMapper errors;

    public AuthInterceptor(AccessPolicy policy, SessionAuthenticator authenticator, ErrorMapper errors) {
        this.policy = policy;
        this.authenticator = authenticator;
        this.errors = errors;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        Context context = Context.current().withValue(CallContext.CLIENT_ADDRESS, remote == null ? "unknown" : remote.toString().replaceFirst("^/", ""));

        AccessPolicy.Rule rule = policy.ruleFor(method).orElse(null);
        if (rule == null) {
            log.warn("Refused call to {}: no access rule", method);
            return refuse(call, new DomainException.PermissionDenied("This action is not available."));
        }
        if (rule instanceof AccessPolicy.Public) {
            return Contexts.interceptCall(context, call, headers, next);
        }
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER) || header.length() <= BEARER.length()) {
            return refuse(call, new DomainException.Unauthenticated("SIGN_IN_REQUIRED", "Please sign in first."));
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(header.substring(BEARER.length()).strip());
        } catch (RuntimeException e) {
            return refuse(call, e);
        }
        if (principal.secondFactorPending() && !(rule instanceof AccessPolicy.SecondFactorStep)) {
            return refuse(call, new DomainException.FailedPrecondition("SECOND_FACTOR_REQUIRED",
                    "Enter the code from your authenticator app to finish signing in."));
        }
        if (rule instanceof AccessPolicy.Roles(var roles)) {
            if (principal.passwordChangeRequired()) {
                return refuse(call, new DomainException.FailedPrecondition("PASSWORD_CHANGE_REQUIRED",
                        "Please choose a new password before you continue."));
            }
            if (!roles.contains(principal.role())) {
                log.info("Refused {} to {} ({})", method, principal.username(), principal.role());
                return refuse(call, new DomainException.PermissionDenied("Your role does not allow this action."));
            }
        }
        return Contexts.interceptCall(context.withValue(CallContext.PRINCIPAL, principal), call, headers, next);
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, RuntimeException e) {
        StatusRuntimeException status = errors.toStatus(e);
        Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
        call.close(status.getStatus(), trailers);
        return new ServerCall.Listener<>() {};
    }
}
