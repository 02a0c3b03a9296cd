package io.cellar.client.meta;

import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;

/** Where a region is: its info, the server holding it (null if unassigned) and its state. */
public record RegionLocation(RegionInfo region, ServerName server, MetaTable.RegionState state) {}
