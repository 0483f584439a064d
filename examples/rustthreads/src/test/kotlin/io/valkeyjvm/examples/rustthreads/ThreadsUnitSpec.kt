package io.valkeyjvm.examples.rustthreads

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testCall
import io.valkeyjvm.kotest.testErrorReply

// Inside a spec, `threads` is the spec's own setting.
private val threadsModule = threads

/**
 * SET_STATIC_DATA and GET_STATIC_DATA without a server. THREADS and the *_ON_THREAD commands run
 * coroutines that reach the server (withValkey, withValkeyLock), which needs one: ThreadsSpec.
 */
class ThreadsUnitSpec : FunSpec({
    // One test: the static data is the module's, shared by every call in this JVM.
    test("GET_STATIC_DATA replies null, then what SET_STATIC_DATA kept last") {
        threadsModule.testCall("GET_STATIC_DATA") shouldBe null
        threadsModule.testCall("SET_STATIC_DATA", "first") shouldBe "OK"
        threadsModule.testCall("GET_STATIC_DATA") shouldBe "first"
        threadsModule.testCall("SET_STATIC_DATA", "second value") shouldBe "OK"
        threadsModule.testCall("GET_STATIC_DATA") shouldBe "second value"
    }

    test("wrong arity") {
        threadsModule.testErrorReply("SET_STATIC_DATA") shouldBe "ERR wrong number of arguments for 'set_static_data' command"
        threadsModule.testErrorReply("GET_STATIC_DATA", "x") shouldBe "ERR wrong number of arguments for 'get_static_data' command"
        threadsModule.testErrorReply("INFO_FIELD_ON_THREAD", "server") shouldBe "ERR wrong number of arguments for 'info_field_on_thread' command"
    }
})
