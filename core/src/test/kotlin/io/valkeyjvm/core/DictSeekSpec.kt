package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The dictionary operators and a cursor's state, which need no server. */
class DictSeekSpec : FunSpec({
    test("every server operator has its constant, and a bad one is a clear error") {
        listOf("^", "$", ">", ">=", "<", "<=", "==").map { DictSeek.of(it).operator() } shouldBe listOf("^", "$", ">", ">=", "<", "<=", "==")
        shouldThrow<IllegalArgumentException> { DictSeek.of("=>") }.message shouldContain "use ^ $ > >= < <= =="
    }

    test("a new cursor is at the start; restart and close work before it has scanned anything") {
        ScanCursor.create().use { cursor ->
            cursor.isDone shouldBe false
            cursor.restart()
            cursor.isDone shouldBe false
        }
    }

    test("a dictionary made before the module loads is empty and takes no server memory until written") {
        val dict = ServerDictionary()
        dict.size() shouldBe 0L
        dict.get(ValkeyString.of("a")) shouldBe null
        dict.containsKey(ValkeyString.of("a")) shouldBe false
        dict.remove(ValkeyString.of("a")) shouldBe false
        dict.iterator().hasNext() shouldBe false
        dict.range(ValkeyString.of("a"), ValkeyString.of("z"), 10) shouldBe emptyList()
        dict.close()
    }
})
