package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class CommandMetadataValidationSpec : FunSpec({
    fun command(name: String) = CommandDefinition.builder(name).handler { ctx, _ -> ctx.replyOk() }
    fun refused(builder: CommandDefinition.Builder): String = shouldThrow<IllegalArgumentException> { builder.build() }.message.orEmpty()

    test("metadata is kept as declared; getKeys and getChannels add their flags") {
        val c = command("x.copy").keySpecs(KeySpec.index(1).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS))
            .args(CommandArg.key("src", 0), CommandArg.pureToken("nx", "NX").optional())
            .complexity("O(1)").since("1.0.0").tips("nondeterministic_output").history("1.0.0", "new")
            .getKeys { keys, _ -> keys.keyAt(1) }.getChannels { channels, _ -> channels.channelAt(1, setOf(ChannelFlag.PUBLISH)) }
            .build()
        c.metadata().keySpecs().single().flags() shouldBe setOf(KeySpecFlag.RO, KeySpecFlag.ACCESS)
        c.metadata().args().map { it.name() } shouldBe listOf("src", "nx")
        c.metadata().args()[1].flags() shouldBe setOf(CommandArgFlag.OPTIONAL)
        c.metadata().history() shouldBe listOf(CommandHistoryEntry("1.0.0", "new"))
        c.flags() shouldBe setOf("getkeys-api", "getchannels-api")
        KeySpec.keyword("KEYS", -2).keyNum(0, 1, 1).toString() shouldBe "KeySpec.keyword(\"KEYS\", -2).keyNum(0, 1, 1).flags[]"
    }

    test("key specs need exactly one access flag and at most one write flag") {
        refused(command("x.a").keySpecs(KeySpec.index(1).flags(KeySpecFlag.ACCESS))) shouldContain
            "command 'x.a': key spec 0 (KeySpec.index(1).range(0, 1, 0).flags[ACCESS]): it needs exactly one of the flags RO, RW, OW, RM"
        refused(command("x.a").keySpecs(KeySpec.index(1).flags(KeySpecFlag.RW, KeySpecFlag.INSERT, KeySpecFlag.DELETE))) shouldContain
            "INSERT, DELETE and UPDATE exclude each other"
        refused(command("x.a").keySpecs(KeySpec.keyword("", 1).flags(KeySpecFlag.RO))) shouldContain "its keyword is empty"
    }

    test("arguments: tokens, key spec indexes and sub-arguments are checked") {
        refused(command("x.a").args(CommandArg.of("nx", CommandArgType.PURE_TOKEN))) shouldContain "argument 'nx': a PURE_TOKEN argument needs its token"
        refused(command("x.a").args(CommandArg.key("k", 0))) shouldContain "argument 'k': key spec index 0 does not name one of the command's 0 key specs"
        refused(command("x.a").args(CommandArg.of("choice", CommandArgType.ONEOF))) shouldContain "a ONEOF argument needs sub-arguments"
        refused(command("x.a").args(CommandArg.block("b", CommandArg.of("t", CommandArgType.PURE_TOKEN)))) shouldContain
            "argument 'b': argument 't': a PURE_TOKEN argument needs its token"
        refused(command("x.a").tips("two words")) shouldContain "tip 'two words' is not valid"
    }

    test("containers: no handler of their own, one level of subcommands, each once; api flags need their code") {
        val sub = command("get").build()
        val container = CommandDefinition.builder("x.box").subcommands(sub).build()
        container.metadata().subcommands() shouldBe listOf(sub)
        refused(command("x.box").subcommands(sub)) shouldContain "a container command (with subcommands) has no handler of its own"
        refused(CommandDefinition.builder("x.box").subcommands(container)) shouldContain "subcommand 'x.box' has subcommands of its own"
        refused(CommandDefinition.builder("x.box").subcommands(sub, command("GET").build())) shouldContain "declares subcommand 'GET' twice"
        refused(command("x|y")) shouldContain "cannot contain"
        refused(command("x.a").flags("getkeys-api")) shouldContain "declare getKeys instead of the flag"
        refused(command("x.a").flags("getchannels-api")) shouldContain "declare getChannels instead of the flag"
    }

    test("subcommands from their builders, built and checked as the container is built") {
        val container = CommandDefinition.builder("x.box").subcommands(command("get").arity(3), command("set").arity(4)).build()
        container.metadata().subcommands().map { it.name() to it.arity() } shouldBe listOf("get" to 3, "set" to 4)
        shouldThrow<IllegalArgumentException> { CommandDefinition.builder("x.box").subcommands(command("bad").arity(0)) }.message shouldContain
            "command 'bad': arity 0 is not valid"
    }

    test("keyAt and channelAt take their flags listed, as a set of them") {
        val keys = mutableListOf<Pair<Int, Set<KeySpecFlag>>>()
        val positions = object : KeyPositions {
            override fun keyAt(position: Int) = keyAt(position, setOf(KeySpecFlag.RW, KeySpecFlag.ACCESS, KeySpecFlag.UPDATE))
            override fun keyAt(position: Int, flags: Set<KeySpecFlag>) { keys += position to flags }
        }
        positions.keyAt(2, KeySpecFlag.RO, KeySpecFlag.ACCESS)
        positions.keyAt(3, KeySpecFlag.OW)
        keys shouldBe listOf(2 to setOf(KeySpecFlag.RO, KeySpecFlag.ACCESS), 3 to setOf(KeySpecFlag.OW))
        val channels = mutableListOf<Set<ChannelFlag>>()
        ChannelPositions { _, flags -> channels += flags }.channelAt(1, ChannelFlag.SUBSCRIBE, ChannelFlag.PATTERN)
        channels shouldBe listOf(setOf(ChannelFlag.SUBSCRIBE, ChannelFlag.PATTERN))
    }
})
