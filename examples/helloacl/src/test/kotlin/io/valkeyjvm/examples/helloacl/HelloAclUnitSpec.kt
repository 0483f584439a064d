package io.valkeyjvm.examples.helloacl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.testErrorReply

/**
 * The helloacl commands' refusals without a server. Authenticating a client, and blocking one,
 * need a live server: HelloAclSpec.
 */
class HelloAclUnitSpec : FunSpec({
    test("HELLOACL.REVOKE with no client being 'global'") {
        helloacl.testErrorReply("HELLOACL.REVOKE") shouldBe "Global user currently not used"
    }

    test("HELLOACL.AUTHASYNC takes one name, then blocks its client") {
        helloacl.testErrorReply("HELLOACL.AUTHASYNC") shouldBe "ERR wrong number of arguments for 'helloacl.authasync' command"
        helloacl.testErrorReply("HELLOACL.AUTHASYNC", "alice") shouldContain "needs a live server"
    }
})
