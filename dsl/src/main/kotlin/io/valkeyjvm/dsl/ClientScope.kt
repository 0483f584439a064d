package io.valkeyjvm.dsl

import io.valkeyjvm.core.ClientInfo
import io.valkeyjvm.core.Clients
import io.valkeyjvm.core.ValkeyString

/*
 * The command's own client, in Kotlin: `clientInfo.isInMulti`, `clientName`, `clientName = name`.
 * Other clients by id: io.valkeyjvm.core.Clients.
 */

/** The command's client as the server describes it (flags, address, port, database); null for a call without a client (the AOF). */
public val CommandScope.clientInfo: ClientInfo? get() = Clients.info(clientId)

/**
 * The command's client's name (CLIENT GETNAME), null if it has none; setting it is CLIENT SETNAME
 * (an empty name takes it away).
 *
 * @throws IllegalArgumentException on setting a name with spaces or newlines
 */
public var CommandScope.clientName: ValkeyString?
    get() = Clients.name(clientId)
    set(value) {
        Clients.setName(clientId, value ?: ValkeyString.of(""))
    }

/** The TLS certificate (PEM) the command's client showed, or null without TLS or a certificate. */
public val CommandScope.clientCertificate: ValkeyString? get() = Clients.certificate(clientId)
