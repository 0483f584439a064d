package ${package}

import io.valkeyjvm.dsl.valkeyModule

/** The module: `loadmodule /abs/path/target/${moduleName}.so`, then `${moduleName}.hi you`. */
val module = valkeyModule("${moduleName}") {
    commands {
        command("${moduleName}.hi", arity = 2, flags = "readonly fast") { args -> reply("hi " + args[1].toText()) }
    }
}
