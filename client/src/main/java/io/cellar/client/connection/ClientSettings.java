package io.cellar.client.connection;

import io.cellar.common.conf.Configuration;

/**
 * The {@code cellar.client.*} settings of a connection, read once. Keys and defaults:
 * <ul>
 *   <li>{@code cellar.client.pause.ms} (100): base pause between retries, scaled by
 *       {@link RetryPolicy}'s backoff table;
 *   <li>{@code cellar.client.retries} (15): attempts after the first;
 *   <li>{@code cellar.client.operation.timeout.ms} (60000): time budget of one operation, all
 *       attempts and pauses included;
 *   <li>{@code cellar.client.rpc.timeout.ms} (30000): cap on one RPC (also capped by what is
 *       left of the operation budget);
 *   <li>{@code cellar.client.scanner.caching} (100): rows per scan RPC when the Scan leaves it
 *       to the server (-1);
 *   <li>{@code cellar.client.write.buffer} (2 MiB): BufferedMutator flush threshold;
 *   <li>{@code cellar.client.meta.lookup.rows} (10): meta rows read per location lookup (the
 *       regions before the wanted one are cached too).
 * </ul>
 */
public record ClientSettings(long pauseMs, int retries, long operationTimeoutMs,
    long rpcTimeoutMs, int scannerCaching, long writeBufferSize, int metaLookupRows) {
  public static final String PAUSE_MS = "cellar.client.pause.ms";
  public static final long DEFAULT_PAUSE_MS = 100;
  public static final String RETRIES = "cellar.client.retries";
  public static final int DEFAULT_RETRIES = 15;
  public static final String OPERATION_TIMEOUT_MS = "cellar.client.operation.timeout.ms";
  public static final long DEFAULT_OPERATION_TIMEOUT_MS = 60_000;
  public static final String RPC_TIMEOUT_MS = "cellar.client.rpc.timeout.ms";
  public static final long DEFAULT_RPC_TIMEOUT_MS = 30_000;
  public static final String SCANNER_CACHING = "cellar.client.scanner.caching";
  public static final int DEFAULT_SCANNER_CACHING = 100;
  public static final String WRITE_BUFFER = "cellar.client.write.buffer";
  public static final long DEFAULT_WRITE_BUFFER = 2L * 1024 * 1024;
  public static final String META_LOOKUP_ROWS = "cellar.client.meta.lookup.rows";
  public static final int DEFAULT_META_LOOKUP_ROWS = 10;

  public ClientSettings {
    if (pauseMs < 0 || retries < 0 || operationTimeoutMs <= 0 || rpcTimeoutMs <= 0
        || scannerCaching <= 0 || writeBufferSize <= 0 || metaLookupRows <= 0) {
      throw new IllegalArgumentException("Bad client settings: " + pauseMs + "ms pause, "
          + retries + " retries, " + operationTimeoutMs + "ms operation timeout, "
          + rpcTimeoutMs + "ms rpc timeout, caching " + scannerCaching + ", write buffer "
          + writeBufferSize + ", meta lookup rows " + metaLookupRows);
    }
  }

  public static ClientSettings from(Configuration conf) {
    return new ClientSettings(
        conf.getLong(PAUSE_MS, DEFAULT_PAUSE_MS),
        conf.getInt(RETRIES, DEFAULT_RETRIES),
        conf.getLong(OPERATION_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS),
        conf.getLong(RPC_TIMEOUT_MS, DEFAULT_RPC_TIMEOUT_MS),
        conf.getInt(SCANNER_CACHING, DEFAULT_SCANNER_CACHING),
        conf.getLong(WRITE_BUFFER, DEFAULT_WRITE_BUFFER),
        conf.getInt(META_LOOKUP_ROWS, DEFAULT_META_LOOKUP_ROWS));
  }
}
