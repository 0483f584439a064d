package io.valkeyjvm.it

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.RawContext
import io.valkeyjvm.dsl.value
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.raw.LoaderContract
import io.valkeyjvm.raw.NativeAccess
import io.valkeyjvm.raw.RawValkeyApi
import io.valkeyjvm.raw.ValkeyModuleApi

/**
 * Module "cfgx", for the config specs of what any server since 8.0 handles: a config name with
 * '_', a choice whose names have numbers of their own, no config values loaded when the first
 * load argument is "noload" (so the server refuses the module), changing its load arguments,
 * and a config registered after the load through the raw API. Loaded through a copy of the
 * fixture jar that names this file.
 */
private lateinit var level: io.valkeyjvm.core.Config<String>

val configExtrasFixture = valkeyModule("cfgx") {
    configs {
        skipLoadingWhen { args -> args.firstOrNull()?.toText() == "noload" }
        bool("with_underscore", default = true)
        level = choice("level", default = "high", choices = mapOf("low" to 1, "high" to 10, "max" to 100))
    }
    commands {
        command("cfgx.level", arity = 1) { reply(level.value) }
        // The module's new load arguments: this command's arguments.
        command("cfgx.setargs", arity = -1) { args ->
            updateLoadArguments(args.drop(1))
            replyOk()
        }
        // Registers a config now, long after OnLoad: the server's answer (0 OK, 1 ERR).
        command("cfgx.latereg", arity = 1) {
            @OptIn(RawValkeyApi::class)
            val result = ValkeyModuleApi.RegisterBoolConfig(RawContext.pointer(context), "late", 1, 0,
                NativeAccess.callback(LoaderContract.CALLBACK_CONFIG_GET_BOOL), NativeAccess.callback(LoaderContract.CALLBACK_CONFIG_SET_BOOL), 0, 0)
            reply(result)
        }
    }
    onLoad { args -> log("cfgx loaded with ${args.size} arguments", LogLevel.NOTICE) }
}
