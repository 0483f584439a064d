package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.ModuleDefinition;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/** Finds the {@link ModuleDefinition} a module jar declares. */
final class ModuleLocator {
    /** The jar manifest attribute naming the class that declares the module. */
    static final String MODULE_CLASS_ATTRIBUTE = "Valkey-Module-Class";

    private ModuleLocator() {}

    static ModuleDefinition find(String jarPath, ClassLoader loader) throws LoadFailure {
        String className = moduleClassName(jarPath);
        Class<?> declaring;
        try {
            declaring = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new LoadFailure("class " + className + " (the jar's " + MODULE_CLASS_ATTRIBUTE
                    + ") is not in " + jarPath + "; set <valkey.module.class> in the module's pom to the class that declares the module");
        } catch (ExceptionInInitializerError e) {
            throw new LoadFailure("declaring the module in " + className + " failed: " + e.getCause());
        } catch (LinkageError e) {
            throw new LoadFailure("class " + className + " cannot be loaded: " + e);
        }
        return definitionIn(declaring);
    }

    private static String moduleClassName(String jarPath) throws LoadFailure {
        try (JarFile jar = new JarFile(jarPath)) {
            Attributes attributes = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            String name = attributes == null ? null : attributes.getValue(MODULE_CLASS_ATTRIBUTE);
            if (name == null || name.isBlank())
                throw new LoadFailure(jarPath + " names no module class (no " + MODULE_CLASS_ATTRIBUTE
                        + " in its manifest); build it with the valkey-jvm module-parent and set <valkey.module.class>");
            return name.trim();
        } catch (IOException e) {
            throw new LoadFailure("cannot read " + jarPath + ": " + e.getMessage() + "; rebuild the module with 'mvn package'");
        }
    }

    /** A public static field of type ModuleDefinition, or a public static no-argument method returning one (a Kotlin top-level val). */
    private static ModuleDefinition definitionIn(Class<?> declaring) throws LoadFailure {
        List<Object> found = new ArrayList<>();
        List<String> where = new ArrayList<>();
        try {
            for (Field field : declaring.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ModuleDefinition.class) {
                    found.add(field.get(null));
                    where.add(field.getName());
                }
            }
            for (Method method : declaring.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0
                        && method.getReturnType() == ModuleDefinition.class) {
                    found.add(method.invoke(null));
                    where.add(method.getName() + "()");
                }
            }
        } catch (InvocationTargetException e) {
            throw new LoadFailure("declaring the module in " + declaring.getName() + " failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LoadFailure("cannot read the module declaration in " + declaring.getName() + ": " + e);
        }
        if (found.isEmpty())
            throw new LoadFailure(declaring.getName() + " declares no module: add a top-level 'val module = valkeyModule(\"name\") { ... }' (Kotlin)"
                    + " or a 'public static final ModuleDefinition MODULE' field (Java)");
        if (found.size() > 1)
            throw new LoadFailure(declaring.getName() + " declares more than one module (" + String.join(", ", where)
                    + "); a module jar declares exactly one");
        Object definition = found.get(0);
        if (definition == null) throw new LoadFailure(declaring.getName() + "." + where.get(0) + " is null");
        return (ModuleDefinition) definition;
    }
}
