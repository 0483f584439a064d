package io.valkeyjvm.examples.alloc

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/** The value of the mytype123 data type: a byte string, replaced as a whole by ALLOC.SET. */
class AllocValue(var data: ByteArray)

/** The largest ALLOC.SET size: the server's own limit for a string (proto-max-bulk-len's default). */
const val MAX_ALLOC_SIZE: Long = 512L * 1024 * 1024

private val NO_BYTES = ByteArray(0)

/** ALLOC.SET's size argument: a non-negative integer of at most [MAX_ALLOC_SIZE]. */
private fun allocSize(arg: ValkeyString): Int {
    val size = arg.toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid size: must be a non-negative integer")
    if (size > MAX_ALLOC_SIZE) throw CommandError("ERR invalid size: at most $MAX_ALLOC_SIZE bytes (512 MB)")
    return size.toInt()
}

private fun bytesOf(size: Int, byte: Char): ByteArray = ByteArray(size).also { it.fill(byte.code.toByte()) }

/**
 * A port of the Valkey Rust SDK's data_type.rs example (module "alloc", type "mytype123"):
 * ALLOC.SET creates a value of n bytes 'A', or overwrites an existing one with n bytes 'B', and
 * ALLOC.GET reads it back.
 *
 * Unlike the Rust original, which declares only free (no RDB save or load, no digest), the type
 * here saves and loads its bytes, feeds DEBUG DIGEST and reports its memory use, and ALLOC.SET is
 * replicated to replicas and the AOF.
 */
val alloc = valkeyModule("alloc") {
    version = 1

    val allocType = dataTypes {
        dataType<AllocValue>("mytype123", encodingVersion = 0) {
            save { value -> writeBytes(value.data) }
            load { _ -> AllocValue(readBytes()) }
            digest { value ->
                add(value.data)
                // Without endSequence the server's digest of the value stays all zeros.
                endSequence()
            }
            memoryUsage { value -> 16L + value.data.size }
            // The JVM's garbage collector reclaims the bytes; dropping them here makes the value
            // read as empty should anything still use it after the server freed it.
            free { value -> value.data = NO_BYTES }
        }
    }

    commands {
        // ALLOC.SET key n: n bytes 'A' for a new key, n bytes 'B' over an existing value; replies n.
        command("alloc.set", arity = 3, flags = "write", keys = Keys(1, 1, 1)) { args ->
            val size = allocSize(args[2])
            log("key: ${args[1]}, size: $size", LogLevel.DEBUG)
            val key = openKeyForWrite(args[1])
            val existing = key.value(allocType)
            if (existing == null) {
                key.set(allocType, AllocValue(bytesOf(size, 'A')))
            } else {
                existing.data = bytesOf(size, 'B')
            }
            reply(size)
            replicateVerbatim()
        }

        // ALLOC.GET key: the bytes, or null for a missing key.
        command("alloc.get", arity = 2, flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            val value = openKey(args[1]).value(allocType)
            if (value == null) replyNull() else reply(value.data)
        }
    }
}
