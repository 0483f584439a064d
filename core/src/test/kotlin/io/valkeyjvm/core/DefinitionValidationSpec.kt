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

    test("data type names and versions follow the server's rules") {
        fun type(name: String, version: Int = 0) =
            DataType.builder(name, version, String::class.java).save { out, v -> out.writeString(v) }.load { input, _ -> input.readString().toText() }
        type("hellotype").build().name() shouldBe "hellotype"
        type("a-b_C9xyz").build().encodingVersion() shouldBe 0
        for (bad in listOf("short", "much-too-long", "has space", "caf\u00e9type", "")) {
            shouldThrow<IllegalArgumentException> { type(bad).build() }.message shouldContain "exactly 9 characters"
        }
        shouldThrow<IllegalArgumentException> { type("AAAAAAAAA").build() }.message shouldContain "reserved"
        shouldThrow<IllegalArgumentException> { type("hellotype", 1024).build() }.message shouldContain "0 to 1023"
        shouldThrow<IllegalArgumentException> { type("hellotype", -1).build() }
        shouldThrow<IllegalArgumentException> { DataType.builder("hellotype", 0, String::class.java).build() }.message shouldContain
            "needs both save and load"
        shouldThrow<IllegalArgumentException> {
            ModuleDefinition.builder("m").dataType(type("hellotype").build()).dataType(type("hellotype").build()).build()
        }.message shouldContain "twice"
    }

    test("bad modules are refused") {
        shouldThrow<IllegalArgumentException> { ModuleDefinition.builder("has space").build() }.message shouldContain "not valid"
        shouldThrow<IllegalArgumentException> {
            ModuleDefinition.builder("m").command(command("X.A")).command(command("x.a")).build()
        }.message shouldContain "twice"
    }

    test("ACL categories: names of letters, digits, '_' and '-', each declared once") {
        val c = command("x.a").aclCategories(" read  fast").aclCategories("my_cat-2").build()
        c.aclCategories() shouldBe setOf("read", "fast", "my_cat-2")
        c.aclCategoryString() shouldBe "read fast my_cat-2"
        command("x.b").build().aclCategories() shouldBe emptySet()
        shouldThrow<IllegalArgumentException> { command("x.a").aclCategories("@read").build() }.message shouldContain
            "command 'x.a': ACL category '@read' is not a valid name"
        ModuleDefinition.builder("m").aclCategories("one", "two").build().aclCategories() shouldBe listOf("one", "two")
        shouldThrow<IllegalArgumentException> { ModuleDefinition.builder("m").aclCategories("a b").build() }.message shouldContain
            "ACL category 'a b' is not a valid name"
        shouldThrow<IllegalArgumentException> { ModuleDefinition.builder("m").aclCategories("one", "ONE").build() }.message shouldContain
            "declares ACL category 'ONE' twice"
    }
})
