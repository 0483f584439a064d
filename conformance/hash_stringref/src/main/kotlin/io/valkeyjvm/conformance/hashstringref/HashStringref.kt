package io.valkeyjvm.conformance.hashstringref

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/hash_stringref.c (Valkey 9.1): HASH.SET_STRINGREF makes an
 * existing hash field hold a module-owned copy of its argument by reference
 * ([io.valkeyjvm.core.HashValue.setStringRef]), HASH.HAS_STRINGREF tells whether a field does.
 * As in C, HAS_STRINGREF replies 1 (HashHasStringRef's VALKEYMODULE_ERR) for a key that is not a
 * hash, and SET_STRINGREF replies "Err" unless the field exists.
 */
val hashStringref = valkeyModule("hash.stringref") {
    commands {
        command("hash.set_stringref", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            val key = openKeyForWrite(args[1])
            if (key.type() != KeyType.HASH || !key.hash().setStringRef(args[2], args[3].toByteArray())) replyErrorLine("Err")
            else reply(0L)
        }
        command("hash.has_stringref", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 3)
            val key = openKeyForWrite(args[1])
            reply(if (key.type() != KeyType.HASH) 1L else if (key.hash().hasStringRef(args[2])) 1L else 0L)
        }
    }
}
