/* The JNI natives of io.valkeyjvm.raw.NativeAccess: the few raw operations JNA cannot do cheaply. */
#ifndef VJVM_NATIVES_H
#define VJVM_NATIVES_H

#include <jni.h>

/* Binds NativeAccess's natives (vjvm_native_methods) on that class, loaded by the module's class loader; JNI_OK or an error code. */
jint vjvm_register_natives(JNIEnv *env, jclass native_access);

#endif
