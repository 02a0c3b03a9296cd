package io.cellar.master;

import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.master.assign.RegionAssigner;
import io.cellar.master.assign.RegionStates;
import io.cellar.master.fs.DeadServerWals;
import io.cellar.master.fs.StorageRoot;
import io.cellar.master.meta.MetaAssignment;
import io.cellar.master.meta.MetaClient;
import io.cellar.master.meta.MetaLocation;
import io.cellar.master.schema.NamespaceStore;
import io.cellar.master.schema.TableDescriptors;
import io.cellar.master.schema.TableStateStore;
import io.cellar.master.server.RegionServerCalls;
import io.cellar.master.server.ServerTracker;
import java.io.IOException;

/**
 * Everything a procedure or an RPC handler of the active master works with, wired once per
 * activation. Plain holder: each part documents its own thread-safety.
 */
public record MasterServices(
    Configuration conf,
    StorageRoot root,
    ServerTracker servers,
    RegionServerCalls calls,
    MetaLocation metaLocation,
    MetaAssignment metaAssignment,
    MetaClient meta,
    RegionStates regionStates,
    RegionAssigner assigner,
    NamespaceStore namespaces,
    TableStateStore tableStates,
    TableDescriptors descriptors,
    DeadServerWals wals) {

  /** Makes sure meta is online and the region states are loaded from it. */
  public void ensureMetaReady() throws IOException {
    metaAssignment.ensureOnline();
    if (!regionStates.isLoaded()) {
      regionStates.load(meta.scanAll());
    }
  }

  /** The table's state; TableNotFoundException if the table does not exist. */
  public TableStateProto tableState(TableName table) throws IOException {
    return tableStates.get(table)
        .orElseThrow(() -> new TableNotFoundException(table.getNameAsString()));
  }
}
