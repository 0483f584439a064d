package io.valkeyjvm.examples.rusttesthelper

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testErrorReply

/** TEST_HELPER.ERR without a server; the version and INFO need one: TestHelperSpec. */
class TestHelperUnitSpec : FunSpec({
    test("TEST_HELPER.ERR replies its argument as the whole error line") {
        testHelper.testErrorReply("TEST_HELPER.ERR", "no crash") shouldBe "no crash"
        testHelper.testErrorReply("TEST_HELPER.ERR", "WRONGTYPE typed") shouldBe "WRONGTYPE typed"
        testHelper.testErrorReply("TEST_HELPER.ERR") shouldBe "ERR wrong number of arguments for 'test_helper.err' command"
    }
})
