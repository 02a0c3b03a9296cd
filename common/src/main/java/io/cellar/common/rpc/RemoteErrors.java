package io.cellar.common.rpc;

import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.RegionMovedException;
import io.cellar.common.proto.RemoteError;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Maps exceptions to {@link RemoteError} on the server and back to the same exception type on the
 * client. Any {@link CellarException} subclass under {@code io.cellar.} with a public
 * {@code (String message)} constructor is rebuilt by reflection; types with extra state register a
 * factory ({@link RegionMovedException} is built in). Anything else becomes a
 * {@link RemoteException} carrying the remote class name.
 */
public final class RemoteErrors {
  /** Builds an exception from (message, new_server detail). */
  private static final Map<String, BiFunction<String, String, ? extends Exception>> FACTORIES =
      new ConcurrentHashMap<>();

  static {
    register(RegionMovedException.class.getName(),
        (msg, server) -> new RegionMovedException(msg, server.isEmpty() ? null : server));
  }

  private RemoteErrors() {}

  /** Registers how to rebuild an exception type whose constructor is not {@code (String)}. */
  public static void register(String className,
      BiFunction<String, String, ? extends Exception> factory) {
    FACTORIES.put(className, factory);
  }

  /** The wire form of a handler's failure. */
  public static RemoteError toProto(Throwable t) {
    RemoteError.Builder b = RemoteError.newBuilder()
        .setClassName(t.getClass().getName())
        .setMessage(t.getMessage() == null ? "" : t.getMessage())
        .setDoNotRetry(isDoNotRetry(t));
    if (t instanceof RegionMovedException moved && moved.getNewServer() != null) {
      b.setNewServer(moved.getNewServer());
    }
    return b.build();
  }

  /** A handler bug (runtime exception) or a DoNotRetryException will fail again on retry. */
  private static boolean isDoNotRetry(Throwable t) {
    if (t instanceof RemoteException r) {
      return r.isDoNotRetry();
    }
    return t instanceof DoNotRetryException || t instanceof RuntimeException
        || t instanceof Error;
  }

  /** Rebuilds the exception the server reported. Never returns null. */
  public static Exception fromProto(RemoteError e) {
    String name = e.getClassName();
    BiFunction<String, String, ? extends Exception> factory = FACTORIES.get(name);
    if (factory != null) {
      return factory.apply(e.getMessage(), e.getNewServer());
    }
    Exception rebuilt = byReflection(name, e.getMessage());
    return rebuilt != null ? rebuilt : new RemoteException(name, e.getMessage(), e.getDoNotRetry());
  }

  /** Only Cellar's own exception types: a peer must not make us load arbitrary classes. */
  private static Exception byReflection(String name, String message) {
    if (!name.startsWith("io.cellar.")) {
      return null;
    }
    try {
      Class<?> cls = Class.forName(name, false, RemoteErrors.class.getClassLoader());
      if (!CellarException.class.isAssignableFrom(cls) || cls == RemoteException.class) {
        return null;
      }
      Constructor<?> ctor = cls.getConstructor(String.class);
      return (Exception) ctor.newInstance(message);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
      return null;
    }
  }
}
