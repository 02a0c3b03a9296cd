package io.cellar.wal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a {@link MappedByteBuffer} at once instead of whenever the garbage collector finds it:
 * the WAL maps a new window every few MiB, and waiting for GC would keep hundreds of them (and
 * the file blocks of deleted segments) around. Uses {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported) when present; otherwise leaves the buffer to the collector.
 *
 * <p>REQUIRES: nothing touches the buffer after {@link #unmap}; an access would crash the JVM.
 */
final class MappedBuffers {
  private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

  private MappedBuffers() {}

  static void unmap(MappedByteBuffer buffer) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
    } catch (Throwable t) {
      // not unmapped now: the collector will do it
    }
  }

  private static MethodHandle findInvokeCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner",
              MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
