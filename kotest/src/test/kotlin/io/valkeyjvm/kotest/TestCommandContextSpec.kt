package io.valkeyjvm.kotest

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.core.CommandDefinition
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString

private fun module(vararg commands: CommandDefinition): ModuleDefinition =
    commands.fold(ModuleDefinition.builder("unit")) { builder, command -> builder.command(command) }.build()

private fun command(name: String, arity: Int = -1, handler: io.valkeyjvm.core.CommandHandler): CommandDefinition =
    CommandDefinition.builder(name).arity(arity).handler(handler).build()

/** The kit's server-less command context: replies recorded and decoded, calls answered by a script. */
class TestCommandContextSpec : FunSpec({
    test("aggregates, fixed and postponed, nested, decode to lists, maps and sets") {
        val unit = module(command("unit.shapes") { ctx, _ ->
            ctx.replyArray(4)
            ctx.reply(1)
            ctx.replyMap(1)
            ctx.reply("k")
            ctx.reply(ValkeyString.of("v"))
            val set = ctx.replySet()
            ctx.reply(true)
            set.set(1)
            ctx.replyNull()
        })
        unit.testCall("UNIT.SHAPES") shouldBe listOf(1L, mapOf("k" to "v"), setOf(true), null)
    }

    test("calls are answered by the script, with the arguments as text") {
        val seen = mutableListOf<Pair<String, List<String>>>()
        val unit = module(command("unit.incr") { ctx, args ->
            val value = ctx.call("INCRBY", args[1], 5L).asLong()
            ctx.reply(value)
        })
        unit.testCall("UNIT.INCR", "counter", calls = { command, args -> seen += command to args; ReplyValue.of(42) }) shouldBe 42L
        seen shouldBe listOf("INCRBY" to listOf("counter", "5"))
    }

    test("a scripted error reply throws from call and becomes the command's error reply, code kept") {
        val unit = module(command("unit.get") { ctx, args -> ctx.reply(ctx.call("GET", args[1]).asString()) })
        unit.testErrorReply("UNIT.GET", "k", calls = { _, _ -> ReplyValue.error("WRONGTYPE Operation against a key") }) shouldBe
            "WRONGTYPE Operation against a key"
    }

    test("a call's reply passes through to the client as is") {
        val unit = module(command("unit.pass") { ctx, _ -> ctx.reply(ctx.call("HGETALL", "h")) })
        val script: TestCalls = { _, _ -> ReplyValue.map(mapOf(ReplyValue.of("f") to ReplyValue.of(1), ReplyValue.of("g") to ReplyValue.NULL)) }
        unit.testCall("UNIT.PASS", calls = script) shouldBe mapOf("f" to 1L, "g" to null)
    }

    test("thrown errors reply as in a server: only a ValkeyException chooses its code") {
        val unit = module(
            command("unit.custom") { _, _ -> throw ValkeyException.withCode("BUSYKEY", "taken") },
            command("unit.bug") { _, _ -> throw IllegalStateException("URL is bad") },
            command("unit.half") { ctx, _ -> ctx.replyArray(2); ctx.reply(1); throw IllegalStateException("half") },
            command("unit.silent") { _, _ -> },
        )
        unit.testErrorReply("UNIT.CUSTOM") shouldBe "BUSYKEY taken"
        unit.testErrorReply("UNIT.BUG") shouldBe "ERR URL is bad"
        unit.testErrorReply("UNIT.HALF") shouldBe "ERR half"
        unit.testErrorReply("UNIT.SILENT") shouldContain "returned without a whole reply"
    }

    test("the context records what a command logged and whether it replicated itself") {
        val unit = module(command("unit.log") { ctx, _ -> ctx.log(LogLevel.NOTICE, "hello"); ctx.replicateVerbatim(); ctx.replyOk() })
        val context = unit.testContext("UNIT.LOG")
        context.reply() shouldBe "OK"
        context.logged shouldBe listOf(LogLevel.NOTICE to "hello")
        context.replicatedVerbatim shouldBe true
    }

    test("the command's client is default's unless the test says otherwise") {
        val unit = module(command("unit.whoami") { ctx, _ -> ctx.reply(ctx.userName() ?: ValkeyString.of("(none)")) })
        unit.testCall("UNIT.WHOAMI") shouldBe "default"
        val context = TestCommandContext("unit", ValkeyString.of("UNIT.WHOAMI")).apply { userName = ValkeyString.of("alice") }
        unit.commands().single().handler().handle(context, listOf(ValkeyString.of("UNIT.WHOAMI")))
        context.reply() shouldBe "alice"
    }

    test("keys and blocking need a live server: a clear error; an unknown command too") {
        val unit = module(command("unit.key") { ctx, args -> ctx.openKey(args[1]); ctx.replyOk() })
        unit.testErrorReply("UNIT.KEY", "k") shouldContain "openKey needs a live server"
        shouldThrow<IllegalArgumentException> { unit.testCall("UNIT.NOPE") }.message shouldContain "has no command 'UNIT.NOPE'"
    }
})
