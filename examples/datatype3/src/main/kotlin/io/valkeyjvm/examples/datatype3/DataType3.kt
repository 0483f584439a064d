package io.valkeyjvm.examples.datatype3

import io.valkeyjvm.core.RdbInput
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule
import java.util.TreeMap

/**
 * The value of the mytype789 data type: a string, a number, a list of strings and a map of
 * strings to strings. Strings are binary safe. The map is sorted byte-wise by key (the Rust
 * original uses a HashMap), so MY-GET and the RDB payload list it in a fixed order.
 */
class MyType {
    var myString: ValkeyString = EMPTY
    var myNumber: Long = 0
    val myVec: MutableList<ValkeyString> = ArrayList()
    val myMap: TreeMap<ValkeyString, ValkeyString> = TreeMap()

    /** Drops every field, for the type's free hook. */
    fun clear() {
        myString = EMPTY
        myNumber = 0
        myVec.clear()
        myMap.clear()
    }

    private companion object {
        val EMPTY: ValkeyString = ValkeyString.of(ByteArray(0))
    }
}

/** Reads a collection size saved with writeUnsigned; a size the JVM cannot hold fails the load. */
private fun RdbInput.readSize(what: String): Int {
    val size = readUnsigned()
    if (size < 0 || size > Int.MAX_VALUE) throw IllegalStateException("$what size ${java.lang.Long.toUnsignedString(size)} is too large")
    return size.toInt()
}

/**
 * A port of the Valkey Rust SDK's data_type3.rs example (module "data_type3" there, "datatype3"
 * here; type "mytype789"): four write commands that each set one field of the value, creating it
 * if the key is empty and replying the bulk string "OK" as the original does, and MY-GET, which
 * replies the whole value as a map.
 *
 * Beyond the original: the commands declare their key (first 1, last 1, step 1; the Rust
 * original registers 0, 0, 0, which hides the key from cluster routing, ACL key patterns and
 * COMMAND GETKEYS), they are replicated, and the type has a digest and an AOF rewrite. Arity is
 * checked by the server: the original checks it in each command.
 */
val datatype3 = valkeyModule("datatype3") {
    version = 1

    val myType = dataTypes {
        dataType<MyType>("mytype789", encodingVersion = 0) {
            // The original's layout: the string, the number, the list's size and elements, the
            // map's size and key-value pairs.
            save { value ->
                writeString(value.myString)
                writeSigned(value.myNumber)
                writeUnsigned(value.myVec.size.toLong())
                value.myVec.forEach { writeString(it) }
                writeUnsigned(value.myMap.size.toLong())
                value.myMap.forEach { (k, v) ->
                    writeString(k)
                    writeString(v)
                }
            }
            load { _ ->
                val value = MyType()
                value.myString = readString()
                value.myNumber = readSigned()
                repeat(readSize("my_vec")) { value.myVec += readString() }
                repeat(readSize("my_map")) {
                    val k = readString()
                    value.myMap[k] = readString()
                }
                value
            }
            digest { value ->
                add(value.myString)
                add(value.myNumber)
                endSequence()
                add(value.myVec.size.toLong())
                value.myVec.forEach { add(it) }
                endSequence()
                // One sequence per pair, as the server digests a hash: the pairs' order does not count.
                value.myMap.forEach { (k, v) ->
                    add(k)
                    add(v)
                    endSequence()
                }
            }
            aofRewrite { value ->
                emit("MY-SET-STRING", key, value.myString)
                emit("MY-SET-NUMBER", key, value.myNumber)
                value.myVec.forEach { emit("MY-VEC-PUSH", key, it) }
                value.myMap.forEach { (k, v) -> emit("MY-MAP-INSERT", key, k, v) }
            }
            // The JVM's garbage collector reclaims the value; clearing it makes any use after the
            // server freed it visible as an empty value.
            free { value -> value.clear() }
        }
    }

    commands {
        // Key specs 1, 1, 1 where the Rust original has 0, 0, 0: every command's key is argument 1.
        val writeKeys = Keys(1, 1, 1)

        // MY-SET-STRING key s
        command("my-set-string", arity = 3, flags = "write", keys = writeKeys) { args ->
            openKeyForWrite(args[1]).update(myType, ::MyType) { it.myString = args[2] }
            reply("OK")
            replicateVerbatim()
        }

        // MY-SET-NUMBER key n: n is a signed 64-bit integer.
        command("my-set-number", arity = 3, flags = "write", keys = writeKeys) { args ->
            val number = args[2].toLongOrNull() ?: throw CommandError("ERR value is not an integer or out of range")
            openKeyForWrite(args[1]).update(myType, ::MyType) { it.myNumber = number }
            reply("OK")
            replicateVerbatim()
        }

        // MY-VEC-PUSH key s: appends s to my_vec.
        command("my-vec-push", arity = 3, flags = "write", keys = writeKeys) { args ->
            openKeyForWrite(args[1]).update(myType, ::MyType) { it.myVec += args[2] }
            reply("OK")
            replicateVerbatim()
        }

        // MY-MAP-INSERT key k v: sets my_map[k] = v.
        command("my-map-insert", arity = 4, flags = "write", keys = writeKeys) { args ->
            openKeyForWrite(args[1]).update(myType, ::MyType) { it.myMap[args[2]] = args[3] }
            reply("OK")
            replicateVerbatim()
        }

        // MY-GET key: {my_map, my_number, my_string, my_vec} (a flat array for RESP2), or null.
        command("my-get", arity = 2, flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            val value = openKey(args[1]).value(myType)
            if (value == null) {
                replyNull()
                return@command
            }
            replyMap(4)
            reply("my_map")
            replyMap(value.myMap.size.toLong())
            value.myMap.forEach { (k, v) ->
                reply(k)
                reply(v)
            }
            reply("my_number")
            reply(value.myNumber)
            reply("my_string")
            reply(value.myString)
            reply("my_vec")
            reply(value.myVec)
        }
    }
}
