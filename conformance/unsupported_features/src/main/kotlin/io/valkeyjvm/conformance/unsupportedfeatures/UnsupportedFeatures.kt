package io.valkeyjvm.conformance.unsupportedfeatures

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/unsupported_features.c: a module that asks for no module
 * options, so that a 9.x cluster refuses atomic slot migrations while it is loaded, on the source
 * node and on the target.
 */
val unsupportedFeatures = valkeyModule("unsupported_features") {}
