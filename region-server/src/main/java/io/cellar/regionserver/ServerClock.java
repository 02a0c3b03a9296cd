package io.cellar.regionserver;

/**
 * The server's wall clock in milliseconds: timestamps of writes without one, and "now" for TTL.
 * Tests inject a settable clock to make TTL deterministic.
 */
@FunctionalInterface
public interface ServerClock {
  long currentTimeMillis();

  static ServerClock system() {
    return System::currentTimeMillis;
  }
}
