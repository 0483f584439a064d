package io.valkeyjvm.examples.hellotype

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** A replica gets identical values by full sync, disk-based and diskless, and by the replication stream. */
class HelloTypeReplicationSpec : FunSpec({
    timeout = 120_000

    for ((mode, directives) in listOf(
        "disk-based" to arrayOf("repl-diskless-sync" to "no", "repl-diskless-load" to "disabled"),
        "diskless" to arrayOf("repl-diskless-sync" to "yes", "repl-diskless-sync-delay" to "0", "repl-diskless-load" to "on-empty-db"),
    )) {
        test("a $mode full sync gives the replica identical values") {
            startHelloType(null, *directives).use { primary ->
                val expected = primary.fill(50)
                startHelloType(null, *directives).use { replica ->
                    replica.replicaOf(primary)
                    replica.contents(expected.keys) shouldBe expected
                    replica.digests(expected.keys) shouldBe primary.digests(expected.keys)
                    if (mode == "diskless") {
                        primary.log() shouldContain "Starting BGSAVE for SYNC with target: replicas sockets"
                        // Parsing straight from the socket needs every data type to handle I/O errors.
                        replica.log() shouldContain "receiving streamed RDB from primary with EOF to parser"
                    } else {
                        primary.log() shouldContain "Starting BGSAVE for SYNC with target: disk"
                    }

                    // And what comes after the sync, through the replication stream.
                    primary.call("HELLOTYPE.INSERT", "list:3", "-1")
                    primary.call("HELLOTYPE.INSERT", "fresh", "1")
                    replica.awaitInSyncWith(primary)
                    replica.digests(listOf("list:3", "fresh")) shouldBe primary.digests(listOf("list:3", "fresh"))
                }
            }
        }
    }
})
