package io.granary.erasure;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Chooses the codec once per JVM: the SIMD {@link VectorReedSolomon} when the
 * {@code jdk.incubator.vector} module is in the boot layer, else {@link ScalarReedSolomon}; the
 * system property {@code granary.erasure.impl} ({@code scalar} or {@code vector}) overrides. The
 * vector class is reached only through a method handle, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never loads a Vector API class. Logs the choice once.
 */
final class CodecSelection {
    static final String PROPERTY = "granary.erasure.impl";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final MethodHandle VECTOR_CONSTRUCTOR = choose();

    private CodecSelection() {
    }

    static ReedSolomon create(int dataShards, int parityShards) {
        if (VECTOR_CONSTRUCTOR == null) {
            return new ScalarReedSolomon(dataShards, parityShards);
        }
        try {
            return (ReedSolomon) VECTOR_CONSTRUCTOR.invoke(dataShards, parityShards);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the vector codec", e);
        }
    }

    /** The vector codec's constructor, or null for scalar. */
    private static MethodHandle choose() {
        String forced = System.getProperty(PROPERTY, "");
        boolean available = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        boolean vector = switch (forced) {
            case "" -> available;
            case "scalar" -> false;
            case "vector" -> {
                if (!available) {
                    throw new IllegalStateException(PROPERTY + "=vector but the JVM was started without "
                            + "--add-modules " + VECTOR_MODULE);
                }
                yield true;
            }
            default -> throw new IllegalStateException(PROPERTY + " must be scalar or vector, got " + forced);
        };
        System.Logger log = System.getLogger(ReedSolomon.class.getName());
        if (!vector) {
            log.log(System.Logger.Level.INFO, "erasure codec: scalar (" + (available ? PROPERTY + "=scalar"
                    : VECTOR_MODULE + " not present; start the JVM with --add-modules " + VECTOR_MODULE) + ")");
            return null;
        }
        try {
            Class<?> type = Class.forName("io.granary.erasure.VectorReedSolomon");
            MethodHandle constructor = MethodHandles.lookup().findConstructor(type,
                    MethodType.methodType(void.class, int.class, int.class));
            String shape = (String) MethodHandles.lookup().findStatic(type, "describe",
                    MethodType.methodType(String.class)).invoke();
            log.log(System.Logger.Level.INFO, "erasure codec: vector (" + VECTOR_MODULE + ", " + shape + ")");
            return constructor;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load the vector codec", e);
        }
    }
}
