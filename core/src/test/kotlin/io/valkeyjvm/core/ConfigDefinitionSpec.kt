package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Declaring configs: what build() refuses, and set/validate's checks, without a server. */
class ConfigDefinitionSpec : FunSpec({
    test("a bad declaration is refused at build, naming the config and the problem") {
        shouldThrow<IllegalArgumentException> { Config.bool("max items", true).build() }.message shouldContain "config name 'max items'"
        shouldThrow<IllegalArgumentException> { Config.number("n", 5, 10, 20).build() }.message shouldContain "default 5 is outside 10..20"
        shouldThrow<IllegalArgumentException> { Config.number("n", 5, 20, 10).build() }.message shouldContain "min 20 is above max 10"
        shouldThrow<IllegalArgumentException> { Config.choice("mode", "turbo", "fast", "safe").build() }.message shouldContain
            "default 'turbo' is not one of [fast, safe]"
        shouldThrow<IllegalArgumentException> { Config.choice("mode", "a", mapOf("a" to 1, "b" to 1)).build() }.message shouldContain
            "same number"
        shouldThrow<IllegalArgumentException> {
            Config.number("n", 13, 0, 100).check { if (it == 13L) throw ValkeyException("unlucky") }.build()
        }.message shouldContain "its own check refuses the default: unlucky"
        shouldThrow<IllegalStateException> { Config.bool("b", true).memory() }
        shouldThrow<IllegalArgumentException> {
            ModuleDefinition.builder("m").config(Config.bool("b", true)).config(Config.bool("B", false)).build()
        }.message shouldContain "declares config 'B' twice"
    }

    test("set checks the range, the choices and the config's own check, and keeps the old value on a refusal") {
        val n = Config.number("n", 10, 1, 100).check { if (it % 2 != 0L) throw ValkeyException("must be even") }.build()
        n.set(20)
        n.get() shouldBe 20L
        shouldThrow<ValkeyException> { n.set(101) }.message shouldBe "argument must be between 1 and 100 inclusive"
        shouldThrow<ValkeyException> { n.set(21) }.message shouldBe "must be even"
        n.get() shouldBe 20L
        val flags = Config.flags("log", setOf("reads"), mapOf("reads" to 1, "writes" to 2)).build()
        flags.set(setOf("reads", "writes"))
        flags.get() shouldBe setOf("reads", "writes")
        shouldThrow<ValkeyException> { flags.validate(setOf("deletes")) }.message shouldContain "reads, writes"
    }

    test("server versions compare as the server orders them") {
        val v = ServerVersion.ofEncoded(0x080001)
        v shouldBe ServerVersion(8, 0, 1)
        v.toString() shouldBe "8.0.1"
        v.atLeast(8, 0) shouldBe true
        v.atLeast(9, 0) shouldBe false
        ServerVersion(9, 1, 2).atLeast(8, 1) shouldBe true
    }
})
