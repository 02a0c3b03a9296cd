package io.cellar.common.schema;

import io.cellar.common.proto.ServerNameProto;
import java.util.Objects;

/**
 * One incarnation of a server process: host, port and start code (start time in ms), written
 * {@code host,port,startcode} as HBase does. The znode of a region server and its WAL directory
 * are named by it, so a restarted process is a different server.
 */
public final class ServerName implements Comparable<ServerName> {
  private final String host;
  private final int port;
  private final long startCode;

  public ServerName(String host, int port, long startCode) {
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.startCode = startCode;
  }

  /** Parses {@code host,port,startcode}. */
  public static ServerName parse(String s) {
    String[] parts = s.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not a server name (host,port,startcode): '" + s + "'");
    }
    try {
      return new ServerName(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a server name (host,port,startcode): '" + s + "'");
    }
  }

  public static ServerName fromProto(ServerNameProto p) {
    return new ServerName(p.getHost(), p.getPort(), p.getStartCode());
  }

  public ServerNameProto toProto() {
    return ServerNameProto.newBuilder().setHost(host).setPort(port).setStartCode(startCode).build();
  }

  public String getHost() {
    return host;
  }

  public int getPort() {
    return port;
  }

  public long getStartCode() {
    return startCode;
  }

  /** {@code host:port}, the RPC address. */
  public String getAddress() {
    return host + ":" + port;
  }

  @Override
  public int compareTo(ServerName o) {
    int c = host.compareTo(o.host);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(port, o.port);
    return c != 0 ? c : Long.compare(startCode, o.startCode);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerName && ((ServerName) o).host.equals(host)
        && ((ServerName) o).port == port && ((ServerName) o).startCode == startCode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, startCode);
  }

  @Override
  public String toString() {
    return host + "," + port + "," + startCode;
  }
}
