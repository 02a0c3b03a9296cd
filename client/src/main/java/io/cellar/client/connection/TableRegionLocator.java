package io.cellar.client.connection;

import io.cellar.client.RegionLocator;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.List;

/** {@link RegionLocator} over the connection's lookup and cache, with retries. */
final class TableRegionLocator implements RegionLocator {
  private final ClusterConnection conn;
  private final TableName name;

  TableRegionLocator(ClusterConnection conn, TableName name) {
    this.conn = conn;
    this.name = name;
  }

  @Override
  public TableName getName() {
    return name;
  }

  @Override
  public RegionLocation getRegionLocation(byte[] row) throws IOException {
    return getRegionLocation(row, false);
  }

  @Override
  public RegionLocation getRegionLocation(byte[] row, boolean reload) throws IOException {
    conn.checkOpen();
    return conn.caller().call("location lookup on table " + name.getNameAsString(), row,
        t -> conn.lookup().locate(name, row, reload || t.isRetry(), t.rpcTimeoutMs()));
  }

  @Override
  public List<RegionLocation> getAllRegionLocations() throws IOException {
    return new RegionAdminCalls(conn).regions(name);
  }

  @Override
  public byte[][] getStartKeys() throws IOException {
    List<RegionLocation> all = getAllRegionLocations();
    byte[][] out = new byte[all.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i).region().getStartKey();
    }
    return out;
  }

  @Override
  public byte[][] getEndKeys() throws IOException {
    List<RegionLocation> all = getAllRegionLocations();
    byte[][] out = new byte[all.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i).region().getEndKey();
    }
    return out;
  }

  @Override
  public void close() {
    // nothing of its own
  }
}
