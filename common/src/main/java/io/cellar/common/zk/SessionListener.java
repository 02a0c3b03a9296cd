package io.cellar.common.zk;

/**
 * Told about the ZooKeeper session's state. Called on ZooKeeper's event thread: keep it short and
 * do not call back into ZooKeeper synchronously. After {@link #sessionExpired()} the client is
 * dead: its ephemeral nodes are gone; a region server must abort, a master must step down.
 */
public interface SessionListener {
  /** The session expired; every ephemeral node and watch of this client is gone. */
  void sessionExpired();

  /** The connection dropped; the session may still survive a reconnect. */
  default void disconnected() {}

  /** (Re)connected with the session intact. */
  default void connected() {}

  /** A listener that ignores every event. */
  SessionListener NONE = () -> {};
}
