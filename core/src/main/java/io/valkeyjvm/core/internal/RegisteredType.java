package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.DataType;

/** A data type as registered in the server: its definition, its number in the module, the server's handle. */
record RegisteredType(DataType<Object> definition, int index, long serverType) {}
