package io.valkeyjvm.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.core.AuthContext
import io.valkeyjvm.core.AuthResult
import io.valkeyjvm.core.CommandContext
import io.valkeyjvm.core.ValkeyString
import java.lang.reflect.Proxy

/** A CommandContext that records the calls made on it, for running handlers without a server. */
private fun recordingContext(calls: MutableList<String>): CommandContext =
    Proxy.newProxyInstance(CommandContext::class.java.classLoader, arrayOf(CommandContext::class.java)) { _, method, args ->
        calls += "${method.name}(${args.orEmpty().joinToString { if (it is ByteArray) it.decodeToString() else it.toString() }})"
        when (method.returnType) {
            Int::class.javaPrimitiveType -> 3
            else -> null
        }
    } as CommandContext

class ValkeyModuleSpec : FunSpec({
    val module = valkeyModule("demo") {
        version = 3
        commands {
            command("demo.get", arity = 2, flags = "readonly fast", keys = Keys.single(), summary = "Gets.") { args ->
                reply(args[1])
            }
            command("demo.db") { reply(selectedDb) }
        }
    }

    test("declaring builds an immutable description of what OnLoad registers") {
        module.name() shouldBe "demo"
        module.version() shouldBe 3
        val get = module.commands()[0]
        get.name() shouldBe "demo.get"
        get.arity() shouldBe 2
        get.flags() shouldBe setOf("readonly", "fast")
        listOf(get.firstKey(), get.lastKey(), get.keyStep()) shouldBe listOf(1, 1, 1)
        get.summary() shouldBe "Gets."
        module.commands()[1].arity() shouldBe -1
    }

    test("a handler's replies go to the command's context") {
        val calls = mutableListOf<String>()
        module.commands()[0].handler().handle(recordingContext(calls), listOf(ValkeyString.of("demo.get"), ValkeyString.of("v")))
        module.commands()[1].handler().handle(recordingContext(calls), listOf(ValkeyString.of("demo.db")))
        calls shouldBe listOf("reply(v)", "selectedDb()", "reply(3)")
    }

    test("an invalid declaration fails with a message naming the command") {
        shouldThrow<IllegalArgumentException> {
            valkeyModule("bad") { commands { command("bad cmd") { replyOk() } } }
        }.message shouldContain "command 'bad cmd'"
    }

    test("auth { } declares the module's auth callbacks in order; a callback's block is its decision") {
        val guarded = valkeyModule("guarded") {
            auth {
                callback { username, password ->
                    if (password.toText() == "letmein") allowAclUser(username) else deny("no entry", aclLog = "guarded")
                }
                suspendingCallback { _, _ -> notHandled() }
            }
        }
        guarded.authCallbacks().size shouldBe 2
        val context = Proxy.newProxyInstance(AuthContext::class.java.classLoader, arrayOf(AuthContext::class.java)) { _, _, _ -> null } as AuthContext
        val first = guarded.authCallbacks()[0]
        first.authenticate(context, ValkeyString.of("ann"), ValkeyString.of("letmein")).toString() shouldBe "allowAclUser(ann)"
        val denied = first.authenticate(context, ValkeyString.of("ann"), ValkeyString.of("guess"))
        denied.kind() shouldBe AuthResult.Kind.DENIED
        denied.message() shouldBe "no entry"
        denied.aclLogObject() shouldBe "guarded"
    }
})
