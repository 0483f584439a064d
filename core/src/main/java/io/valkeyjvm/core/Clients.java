package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.ClientLookups;
import org.jspecify.annotations.Nullable;

/**
 * The server's clients, by id ({@link CommandContext#clientId}, CLIENT ID): what they are, their
 * names, their TLS certificates. On the main thread.
 *
 * <pre>{@code
 * ClientInfo me = Clients.info(ctx.clientId());
 * if (me != null && me.isInMulti()) ...
 * Clients.setName(ctx.clientId(), ValkeyString.of("worker-1"));
 * }</pre>
 */
public final class Clients {
    private Clients() {}

    /** The client {@code id} as the server describes it (GetClientInfoById), or null if there is no such client. */
    public static @Nullable ClientInfo info(long id) {
        MainThread.check("Clients.info");
        return ClientLookups.info(id);
    }

    /** The name of client {@code id} (CLIENT SETNAME), or null if it has none or there is no such client. */
    public static @Nullable ValkeyString name(long id) {
        MainThread.check("Clients.name");
        return ClientLookups.name(id);
    }

    /**
     * Names client {@code id}, as CLIENT SETNAME does (SetClientNameById); an empty name takes its
     * name away. Returns false if there is no such client.
     *
     * @throws IllegalArgumentException if the name has spaces, newlines or other characters a
     *     client name may not have (the server's "Invalid argument")
     */
    public static boolean setName(long id, ValkeyString name) {
        MainThread.check("Clients.setName");
        return ClientLookups.setName(id, name);
    }

    /**
     * The X.509 certificate client {@code id} showed on its TLS connection, in PEM
     * (GetClientCertificate); null for a connection without TLS or without a certificate, or if
     * there is no such client.
     */
    public static @Nullable ValkeyString certificate(long id) {
        MainThread.check("Clients.certificate");
        return ClientLookups.certificate(id);
    }
}
