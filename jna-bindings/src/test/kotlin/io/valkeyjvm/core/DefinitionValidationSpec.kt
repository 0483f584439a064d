package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class DefinitionValidationSpec : FunSpec({
    fun command(name: String) = CommandDefinition.builder(name).handler { ctx, _ -> ctx.replyOk() }

    test("a valid command keeps what was declared") {
        val c = command("x.get").arity(2).flags("readonly  fast").keys(1, 1, 1).build()
        c.flagString() shouldBe "fast readonly"
        c.acceptsArgumentCount(2) shouldBe true
        c.acceptsArgumentCount(3) shouldBe false
        command("x.any").arity(-2).build().acceptsArgumentCount(5) shouldBe true
    }

    test("bad commands are refused with a message naming them") {
        shouldThrow<IllegalArgumentException> { command("x get").build() }.message shouldContain "command 'x get'"
        shouldThrow<IllegalArgumentException> { command("x.a").arity(0).build() }.message shouldContain "arity 0"
        shouldThrow<IllegalArgumentException> { command("x.a").flags("fast speedy").build() }.message shouldContain "unknown flag 'speedy'"
        shouldThrow<IllegalArgumentException> { command("x.a").keys(0, 1, 0).build() }
        shouldThrow<IllegalArgumentException> { command("x.a").keys(2, 1, 1).build() }
        shouldThrow<IllegalArgumentException> { CommandDefinition.builder("x.a").build() }.message shouldContain "no handler"
    }

    test("bad modules are refused") {
        shouldThrow<IllegalArgumentException> { ModuleDefinition.builder("has space").build() }.message shouldContain "not valid"
        shouldThrow<IllegalArgumentException> {
            ModuleDefinition.builder("m").command(command("X.A")).command(command("x.a")).build()
        }.message shouldContain "twice"
    }
})
