package io.valkeyjvm.raw;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JDK's foreign function linker ({@code java.lang.foreign}, final since JDK 22), for the paths
 * where a JNI upcall or downcall costs too much: command entry and the hot functions. It is
 * reached through reflection, once, when a module loads, so that the SDK still compiles for and
 * runs on JDK 17 (there {@link #available()} is false and the JNI paths serve), and a module built
 * on JDK 17 takes the foreign paths in a server whose JVM is 22 or later. The JVM option
 * {@code -D}{@value #PROPERTY}{@code =false} keeps JNI everywhere.
 *
 * <p>The stubs and handles made here take and return {@code int}, {@code long} and {@code double};
 * a pointer travels as a {@code long}, as everywhere in this layer, and a {@code byte[]} argument
 * of a critical downcall is passed in place (the heap array itself, for the call's duration).
 *
 * <p>An upcall stub must never throw: an exception leaving one ends the JVM, and with it the
 * server. Its target catches everything.
 */
@RawValkeyApi
public final class ForeignLinker implements AutoCloseable {
    /** The system property that turns the foreign paths off ({@code false}). */
    public static final String PROPERTY = "valkeyjvm.foreign";
    private static final int FIRST_FINAL_RELEASE = 22;
    private static final Api API = Api.load();

    private final Object arena;

    private ForeignLinker(Object arena) {
        this.arena = arena;
    }

    /** True when the JVM has the final foreign function API and it is not turned off. */
    public static boolean available() {
        return API != null;
    }

    /** A linker whose upcall stubs live until {@link #close()}, or null when the foreign API is not {@link #available()}. */
    public static ForeignLinker open() {
        if (API == null) return null;
        try {
            return new ForeignLinker(API.ofShared.invoke(null));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * The address of a C function of {@code target}'s type that calls {@code target}: valid until
     * this linker closes. {@code target} must catch everything it can throw.
     */
    public long upcallStub(MethodHandle target) throws ReflectiveOperationException {
        Object stub = API.upcallStub.invoke(API.linker, target, API.descriptor(target.type()), arena, API.noOptions);
        return (long) API.address.invoke(stub);
    }

    /** Frees every stub made here; nothing may call them any more. */
    @Override
    public void close() {
        try {
            API.close.invoke(arena);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the foreign arena could not be closed", e);
        }
    }

    /**
     * A handle of {@code type} that calls the C function at {@code address} as a critical
     * function (no thread state change; byte[] arguments passed in place), or null when the
     * foreign API is not available or {@code address} is 0. Only for functions that return soon
     * and never call back into Java, which a critical call cannot survive. A {@code byte[]}
     * parameter is a {@code const char *}, an {@code int[]} an {@code int *}; null passes NULL.
     */
    public static MethodHandle criticalDowncall(long address, MethodType type) {
        if (API == null || address == 0) return null;
        try {
            return API.criticalDowncall(address, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** {@code text} as a NUL-terminated UTF-8 C string (what the JNI path passes), or null for null. */
    public static byte[] cString(String text) {
        if (text == null) return null;
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }

    /** Refuses a length outside its array, as the JNI path does, before C reads past the array. */
    public static void checkBuffer(byte[] array, long length, String function, String param) {
        int size = array == null ? 0 : array.length;
        if (length < 0 || length > size)
            throw new IllegalArgumentException(function + ": the length of '" + param + "' is " + length + ", outside its byte[] of "
                    + size + " bytes");
    }

    /** A foreign call cannot throw a checked exception; anything else is passed on as is. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException runtime) throw runtime;
        if (t instanceof Error error) throw error;
        throw new IllegalStateException("a foreign call failed", t);
    }

    /** The reflective view of java.lang.foreign, resolved once. */
    private static final class Api {
        final Object linker;
        final Method upcallStub;
        final Method downcallHandle;
        final Method address;
        final Method ofAddress;
        final Method ofShared;
        final Method close;
        final Class<?> optionClass;
        final Class<?> layoutClass;
        final Class<?> segmentClass;
        final Method functionOf;
        final Method functionOfVoid;
        final Object intLayout;
        final Object longLayout;
        final Object doubleLayout;
        final Object addressLayout;
        final Object noOptions;
        final Object criticalOptions;
        final MethodHandle byteArraySegment;
        final MethodHandle intArraySegment;

        private Api() throws ReflectiveOperationException {
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
            segmentClass = Class.forName("java.lang.foreign.MemorySegment");
            layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> options = Array.newInstance(optionClass, 0).getClass();
            Class<?> layouts = Array.newInstance(layoutClass, 0).getClass();
            linker = linkerClass.getMethod("nativeLinker").invoke(null);
            upcallStub = linkerClass.getMethod("upcallStub", MethodHandle.class, descriptorClass, arenaClass, options);
            downcallHandle = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, options);
            address = segmentClass.getMethod("address");
            ofAddress = segmentClass.getMethod("ofAddress", long.class);
            functionOf = descriptorClass.getMethod("of", layoutClass, layouts);
            functionOfVoid = descriptorClass.getMethod("ofVoid", layouts);
            intLayout = valueLayoutClass.getField("JAVA_INT").get(null);
            longLayout = valueLayoutClass.getField("JAVA_LONG").get(null);
            doubleLayout = valueLayoutClass.getField("JAVA_DOUBLE").get(null);
            addressLayout = valueLayoutClass.getField("ADDRESS").get(null);
            ofShared = arenaClass.getMethod("ofShared");
            close = arenaClass.getMethod("close");
            noOptions = Array.newInstance(optionClass, 0);
            criticalOptions = Array.newInstance(optionClass, 1);
            Array.set(criticalOptions, 0, optionClass.getMethod("critical", boolean.class).invoke(null, true));
            Object nullSegment = segmentClass.getField("NULL").get(null);
            byteArraySegment = arraySegment(byte[].class, nullSegment);
            intArraySegment = arraySegment(int[].class, nullSegment);
        }

        /** array -> MemorySegment: the array in place, or MemorySegment.NULL for null. */
        private MethodHandle arraySegment(Class<?> arrayType, Object nullSegment) throws ReflectiveOperationException {
            MethodHandle ofArray = MethodHandles.publicLookup().findStatic(segmentClass, "ofArray", MethodType.methodType(segmentClass, arrayType));
            MethodHandle isNull = MethodHandles.lookup().findStatic(Api.class, "isNull", MethodType.methodType(boolean.class, Object.class))
                    .asType(MethodType.methodType(boolean.class, arrayType));
            MethodHandle nullConstant = MethodHandles.dropArguments(MethodHandles.constant(segmentClass, nullSegment), 0, arrayType);
            return MethodHandles.guardWithTest(isNull, nullConstant, ofArray);
        }

        private static boolean isNull(Object array) {
            return array == null;
        }

        static Api load() {
            if (Runtime.version().feature() < FIRST_FINAL_RELEASE || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) return null;
            try {
                return new Api();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        Object descriptor(MethodType type) throws ReflectiveOperationException {
            Object arguments = Array.newInstance(layoutClass, type.parameterCount());
            for (int i = 0; i < type.parameterCount(); i++) Array.set(arguments, i, layout(type.parameterType(i)));
            if (type.returnType() == void.class) return functionOfVoid.invoke(null, arguments);
            return functionOf.invoke(null, layout(type.returnType()), arguments);
        }

        MethodHandle criticalDowncall(long target, MethodType type) throws ReflectiveOperationException {
            Object symbol = ofAddress.invoke(null, target);
            MethodHandle handle = (MethodHandle) downcallHandle.invoke(linker, symbol, descriptor(type), criticalOptions);
            for (int i = 0; i < type.parameterCount(); i++) {
                if (type.parameterType(i) == byte[].class) handle = MethodHandles.filterArguments(handle, i, byteArraySegment);
                if (type.parameterType(i) == int[].class) handle = MethodHandles.filterArguments(handle, i, intArraySegment);
            }
            return handle.asType(type);
        }

        private Object layout(Class<?> type) {
            if (type == int.class) return intLayout;
            if (type == long.class) return longLayout;
            if (type == double.class) return doubleLayout;
            if (type == byte[].class || type == int[].class) return addressLayout;
            throw new IllegalArgumentException("a foreign call takes and returns int, long, double, byte[] or int[], not " + type.getName());
        }
    }
}
