/* The JNI natives of io.valkeyjvm.raw.NativeAccess: the few raw operations JNA cannot do cheaply. */
#ifndef VJVM_NATIVES_H
#define VJVM_NATIVES_H

#include <jni.h>

#define VJVM_NATIVE_ACCESS_CLASS "io.valkeyjvm.raw.NativeAccess"

/* Binds NativeAccess's natives on that class (loaded by the module's class loader); JNI_OK or an error code. */
jint vjvm_register_natives(JNIEnv *env, jclass native_access);

#endif
