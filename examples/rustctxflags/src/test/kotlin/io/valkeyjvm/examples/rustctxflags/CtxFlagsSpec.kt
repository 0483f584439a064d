package io.valkeyjvm.examples.rustctxflags

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class CtxFlagsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustctxflags.so"))))

    test("MY_ROLE on a primary is master") {
        server.call("MY_ROLE") shouldBe "master"
    }

    test("MY_ROLE on a replica is slave, also while it cannot reach its primary") {
        // Port 1 has no server: the replica keeps trying, and is a replica all the same.
        server.call("REPLICAOF", "127.0.0.1", "1") shouldBe "OK"
        try {
            server.call("MY_ROLE") shouldBe "slave"
        } finally {
            server.call("REPLICAOF", "NO", "ONE")
        }
        server.call("MY_ROLE") shouldBe "master"
    }
})
